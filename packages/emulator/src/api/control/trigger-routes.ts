import { hookMethodSchema, phoneNumberSchema, shareViaEventSchema } from '@spoke/protocol';
import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import { defaultReport } from '../../flows/share-via-target.ts';
import { sharedObjectSchema } from '../../store/entities.ts';
import type { ApiContext } from '../api-context.ts';
import { definedOnly } from '../defined-only.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { appParam, numericParam, objectTypeParam } from './path-params.ts';
import { shareViaFlowInputSchema } from './platform.ts';
import { findRecord } from './record-routes.ts';
import { withScreenshotUrl } from './report-screenshot.ts';

/** Body of `POST /_spoke/records/{objectType}/{id}/cards`; exported for the hardening corpus. */
export const openRecordSchema = z.object({
  appId: z.number().int().positive().optional(),
  userId: z.number().int().positive().optional(),
});

// An action as the card view returned it (RenderedAction), or as a legacy reply spells it.
const actionSchema = z
  .object({
    type: z.enum(['IFRAME', 'ACTION_HOOK', 'CONFIRMATION_ACTION_HOOK']),
    uri: z.string().min(1),
    label: z.string().default(''),
    httpMethod: hookMethodSchema.default('GET'),
    associatedObjectProperties: z.array(z.string()).default([]),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
  })
  .loose();
/** Body of `POST /_spoke/records/{objectType}/{id}/actions`. */
export const runActionSchema = z.object({
  appId: z.number().int().positive(),
  cardId: z.string().min(1),
  action: actionSchema,
  userId: z.number().int().positive().optional(),
});

// `override` plays the browser flag LocalSettings:Calling:supportsChannelConnection. docs/protocol.md §4.2.
/** Body of `POST /_spoke/apps/{appId}/channel-connection/numbers`. */
export const numbersSchema = z.object({
  userId: z.number().int().positive().optional(),
  override: z.boolean().optional(),
});
/** Body of `POST /_spoke/apps/{appId}/channel-connection/connect`. */
export const connectSchema = numbersSchema.extend({
  e164PhoneNumber: phoneNumberSchema.shape.e164PhoneNumber,
});

/**
 * Trigger endpoints: open a record (fetch every card for its type), run an action, run one Share
 * Via event or the whole flow, fetch and connect channel-connection numbers. Each answers what the
 * platform would show plus the exchanges it logged.
 */
export function registerTriggerRoutes(api: Hono, ctx: ApiContext): void {
  api.post('/_spoke/records/:objectType/:id/cards', async (c) => {
    const record = await findRecord(ctx, objectTypeParam(c), numericParam(c, 'id'));
    const input = parseInput(openRecordSchema, await readJson(c, {}), 'open-record options');
    return c.json(await ctx.platform.openRecord(record, definedOnly(input)));
  });

  api.post('/_spoke/records/:objectType/:id/actions', async (c) => {
    const record = await findRecord(ctx, objectTypeParam(c), numericParam(c, 'id'));
    const input = parseInput(runActionSchema, await readJson(c), 'action');
    const { width, height, ...rest } = input.action;
    const action = { ...rest, ...definedOnly({ width, height }) };
    return c.json(
      await ctx.platform.runAction({
        record,
        appId: input.appId,
        cardId: input.cardId,
        action,
        ...definedOnly({ userId: input.userId }),
      }),
    );
  });

  api.post('/_spoke/apps/:appId/share-via/flow', async (c) => {
    const app = await appParam(c, ctx.store);
    const input = parseInput(shareViaFlowInputSchema, await readJson(c, {}), 'Share Via flow');
    // SHARE_OBJECT carries an image of the report, served by this emulator. docs/protocol.md §3.
    const origin = new URL(c.req.url).origin;
    const report: { id: number; type: number; name: string; screenshotUrl?: string | undefined } =
      input.objectMetadata ?? defaultReport;
    const objectMetadata = withScreenshotUrl(origin, report);
    return c.json(await ctx.platform.shareViaFlow(app, { ...input, objectMetadata }));
  });

  api.post('/_spoke/apps/:appId/share-via/:event', async (c) => {
    const app = await appParam(c, ctx.store);
    const parsed = shareViaEventSchema.safeParse(c.req.param('event'));
    if (!parsed.success) {
      throw new SpokeEmulatorError(
        'API_NOT_FOUND',
        `no Share Via event "${c.req.param('event')}"; use ${shareViaEventSchema.options.join(', ')} or flow.`,
      );
    }
    const payload = parseInput(z.record(z.string(), z.unknown()), await readJson(c, {}), 'event payload');
    if (parsed.data === 'SHARE_OBJECT') {
      // The report's image, unless the payload names one (its shape is checked by the event's schema).
      const origin = new URL(c.req.url).origin;
      const given = payload.objectMetadata ?? defaultReport;
      const report = sharedObjectSchema.safeParse(given);
      if (report.success)
        payload.objectMetadata = { ...(given as object), ...withScreenshotUrl(origin, report.data) };
    }
    return c.json(await ctx.platform.shareViaEvent(app, parsed.data, payload));
  });

  api.post('/_spoke/apps/:appId/channel-connection/numbers', async (c) => {
    const app = await appParam(c, ctx.store);
    const input = parseInput(numbersSchema, await readJson(c, {}), 'numbers options');
    return c.json(await ctx.platform.channelConnectionNumbers(app, definedOnly(input)));
  });

  api.post('/_spoke/apps/:appId/channel-connection/connect', async (c) => {
    const app = await appParam(c, ctx.store);
    const input = parseInput(connectSchema, await readJson(c), 'number to connect');
    const { e164PhoneNumber, ...rest } = input;
    return c.json(await ctx.platform.connectNumber(app, { e164PhoneNumber, ...definedOnly(rest) }), 201);
  });

  api.get('/_spoke/apps/:appId/channel-connection/connections', async (c) => {
    const app = await appParam(c, ctx.store);
    return c.json({ results: await ctx.store.connectedNumbers.list({ scope: app.id }) });
  });

  api.delete('/_spoke/apps/:appId/channel-connection/connections/:connectionId', async (c) => {
    const app = await appParam(c, ctx.store);
    const id = c.req.param('connectionId');
    const found = await ctx.store.connectedNumbers.get(id);
    if (!found || found.appId !== app.id) {
      throw new SpokeEmulatorError('API_NOT_FOUND', `app ${app.id} has no connected number ${id}.`);
    }
    await ctx.store.connectedNumbers.delete(id);
    return c.body(null, 204);
  });
}
