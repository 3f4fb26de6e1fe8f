import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import { assertAllowedSchedule } from '../../flows/share-scheduler.ts';
import type { Share } from '../../store/entities.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { parseInput } from '../parse-input.ts';

/** Query of `GET /_spoke/shares`; exported for the hardening corpus. */
export const shareListQuerySchema = z.object({ appId: z.coerce.number().int().positive().optional() });

/** Shares (sent or recurring): list, get with sends, pause, resume, run now, delete. */
export function registerShareRoutes(api: Hono, ctx: ApiContext): void {
  const { store } = ctx;
  const getShare = async (id: string) => {
    const share = await store.shares.get(id);
    if (!share) throw new SpokeEmulatorError('API_NOT_FOUND', `no share ${id}.`);
    return share;
  };

  api.get('/_spoke/shares', async (c) => {
    const { appId } = parseInput(shareListQuerySchema, c.req.query(), 'query');
    return c.json({ results: await store.shares.list(appId === undefined ? {} : { scope: appId }) });
  });

  api.get('/_spoke/shares/:shareId', async (c) => {
    const share = await getShare(c.req.param('shareId'));
    return c.json({ ...share, sends: await store.shareSends.list({ scope: share.id, newestFirst: true }) });
  });

  for (const [verb, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const) {
    api.post(`/_spoke/shares/:shareId/${verb}`, async (c) => {
      const share = await store.serialized(async () => {
        const current = await getShare(c.req.param('shareId'));
        if (current.cron === null) {
          throw new SpokeEmulatorError(
            'API_CONFLICT',
            `share ${current.id} was sent once; only recurring shares ${verb}.`,
          );
        }
        // An imported share with a schedule HubSpot does not offer is refused, not armed.
        if (status === 'active') assertAllowedSchedule(current.frequency, current.cron);
        const next: Share = { ...current, status, updatedAt: isoNow(ctx) };
        await store.shares.put(next.id, next, next.appId);
        return next;
      });
      return c.json(await ctx.platform.scheduleShare(share));
    });
  }

  api.post('/_spoke/shares/:shareId/run', async (c) => {
    const share = await getShare(c.req.param('shareId'));
    return c.json(await ctx.platform.sendShare(share.id, 'manual'));
  });

  api.delete('/_spoke/shares/:shareId', async (c) => {
    const share = await getShare(c.req.param('shareId'));
    ctx.platform.unscheduleShare(share.id);
    await store.write([store.shareSends.deleteScopeWrite(share.id), store.shares.deleteWrite(share.id)]);
    return c.body(null, 204);
  });
}
