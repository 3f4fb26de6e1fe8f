import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import { isApiCall } from '../../store/api-call.ts';
import type { FieldFilter } from '../../store/collection.ts';
import type { ApiContext } from '../api-context.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import type { SseSocket } from './event-hub.ts';

/** Query of `GET /_spoke/requests`; exported for the hardening corpus. */
export const requestListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  appId: z.coerce.number().int().positive().optional(),
  /**
   * `outbound`: the platform's calls to apps (exchanges), the default, as before API calls were
   * logged; `inbound`: the apps' API calls to HubSpot's side; `all`: both, on one timeline.
   */
  direction: z.enum(['outbound', 'inbound', 'all']).default('outbound'),
  /** One kind only: `crm-card.fetch`, `oauth.token`, `crm.objects`… */
  kind: z.string().min(1).max(100).optional(),
});
/** Body of `POST /_spoke/requests/{id}/replay`. */
export const replaySchema = z.object({ timestamp: z.enum(['fresh', 'original']).default('fresh') });

/** The request log: list (newest first), get, replay, clear, and live events over SSE. */
export function registerRequestRoutes(api: Hono, ctx: ApiContext): void {
  api.get('/_spoke/requests', async (c) => {
    const query = parseInput(requestListQuerySchema, c.req.query(), 'query');
    // API calls are written just after they are answered: wait for those, so a call shows once made.
    await ctx.apiCalls?.idle();
    const fields: FieldFilter[] = [];
    if (query.direction !== 'all')
      fields.push({ field: 'direction', equals: 'inbound', not: query.direction === 'outbound' });
    if (query.kind !== undefined) fields.push({ field: 'kind', equals: query.kind });
    const results = await ctx.store.exchanges.list({
      newestFirst: true,
      limit: query.limit,
      offset: query.offset,
      ...(query.appId === undefined ? {} : { scope: query.appId }),
      fields,
    });
    // Logged in the order each finished (an API call a few ms after its answer, an exchange after its
    // reply); a page lists them by when each started, newest first, the log's order breaking ties.
    results.sort((a, b) => b.startedAt - a.startedAt);
    return c.json({ results });
  });

  api.delete('/_spoke/requests', async (c) => {
    await ctx.apiCalls?.idle();
    await ctx.store.write([ctx.store.exchanges.clearWrite()]);
    return c.body(null, 204);
  });

  api.get('/_spoke/requests/:requestId', async (c) => {
    const id = c.req.param('requestId');
    await ctx.apiCalls?.idle();
    const exchange = await ctx.store.exchanges.get(id);
    if (!exchange) throw new SpokeEmulatorError('API_NOT_FOUND', `no logged request ${id}.`);
    return c.json(exchange);
  });

  api.post('/_spoke/requests/:requestId/replay', async (c) => {
    const id = c.req.param('requestId');
    const input = parseInput(replaySchema, await readJson(c, {}), 'replay options');
    const exchange = await ctx.store.exchanges.get(id);
    if (!exchange) throw new SpokeEmulatorError('API_NOT_FOUND', `no logged request ${id}.`);
    if (isApiCall(exchange)) {
      throw new SpokeEmulatorError(
        'API_CONFLICT',
        `logged request ${id} is a call app ${exchange.appId ?? '(unknown)'} made to ${exchange.request.method} ${exchange.request.url}; only the platform's calls to an app (direction outbound) can be replayed. Make the call again from the app.`,
      );
    }
    return c.json(await ctx.platform.replay(exchange, input.timestamp));
  });

  api.get('/_spoke/events', (c) => {
    // A bounded stream (event-hub.ts): a client that stops reading is dropped, never buffered without limit.
    const socket = (c.env as { outgoing?: SseSocket } | undefined)?.outgoing;
    return c.body(ctx.events.stream(socket), 200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
  });
}
