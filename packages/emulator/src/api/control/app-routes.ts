import { httpUrlSchema, permittedUrlsSchema, platformModeSchema, publicBaseUrlSchema } from '@spoke/protocol';
import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import { installKey } from '../../oauth/oauth-server.ts';
import { type App, shareViaShapeSchema } from '../../store/entities.ts';
import { allObjectScopes, devInstall } from '../../store/seed-store.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { definedOnly } from '../defined-only.ts';
import { scopesFor } from '../developer/missing-scopes.ts';
import { warnConverterDefinition } from '../developer/warn-converter-definition.ts';
import { issueError } from '../issue-error.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { appParam } from './path-params.ts';

const appFields = {
  name: z.string().min(1),
  clientSecrets: z.array(z.string().min(1)).min(1),
  developerApiKey: z.string().min(1),
  scopes: z.array(z.string().min(1)),
  shareViaTargetUrl: httpUrlSchema.nullable(),
  shareViaShape: shareViaShapeSchema,
  /** null clears it: calls are signed for their target again. */
  publicUrl: publicBaseUrlSchema.nullable(),
  /** null clears it: the app follows the emulator's mode again. */
  mode: platformModeSchema.nullable(),
  /** OAuth's registered redirect URLs: `redirect_uri` must be one of them exactly (null removes them). */
  redirectUrls: z.array(httpUrlSchema).nullable(),
  /** Replaces the app's lists (null removes them all): converter mode judges calls against `fetch`. */
  permittedUrls: permittedUrlsSchema.nullable(),
};
/** Body of `POST /_spoke/apps`; exported so the hardening corpus mutates bodies against the same schema. */
export const createAppSchema = z
  .object({ id: z.number().int().positive().optional(), ...appFields })
  .partial({
    clientSecrets: true,
    developerApiKey: true,
    scopes: true,
    shareViaTargetUrl: true,
    shareViaShape: true,
    publicUrl: true,
    mode: true,
    redirectUrls: true,
    permittedUrls: true,
  });
/** Body of `PATCH /_spoke/apps/{appId}`; `cardPublicUrls` merges into the app's (null removes a card's). */
export const patchAppSchema = z
  .object({
    ...appFields,
    cardPublicUrls: z.record(z.string().min(1), publicBaseUrlSchema.nullable()),
  })
  .partial();
/** Body of `PUT /_spoke/apps/{appId}/share-via`. */
export const shareViaSettingsSchema = z.object({
  targetUrl: httpUrlSchema.nullable(),
  shape: shareViaShapeSchema.optional(),
});

/** Object scopes still needed by the app's cards but absent from `scopes`. docs/protocol.md §2.1. */
async function scopesInUse(ctx: ApiContext, app: App, scopes: readonly string[]) {
  const cards = await ctx.store.cards.list({ scope: app.id });
  const needed = new Set(cards.flatMap((card) => card.fetch.objectTypes.flatMap((t) => scopesFor(t.name))));
  return [...needed].filter((scope) => !scopes.includes(scope));
}

/** The app's card public URLs with `patch` merged in (null removes one); every card named must be the app's. */
async function mergeCardPublicUrls(
  ctx: ApiContext,
  app: App,
  patch: Record<string, string | null>,
): Promise<Record<string, string>> {
  const cards = new Set((await ctx.store.cards.list({ scope: app.id })).map((card) => card.id));
  const unknown = Object.keys(patch).filter((id) => !cards.has(id));
  if (unknown.length > 0) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `app ${app.id} has no card ${unknown.join(', ')}; GET /crm/v3/extensions/cards-dev/${app.id} lists its cards.`,
    );
  }
  const merged: Record<string, string> = { ...app.cardPublicUrls };
  for (const [id, url] of Object.entries(patch)) {
    if (url === null) delete merged[id];
    else merged[id] = url;
  }
  return merged;
}

/** Apps: list, create, get, patch (scopes guarded by cards), delete (with everything they own), Share Via target. */
export function registerAppRoutes(api: Hono, ctx: ApiContext): void {
  api.get('/_spoke/apps', async (c) => c.json({ results: await ctx.store.apps.list() }));

  api.post('/_spoke/apps', async (c) => {
    const input = parseInput(createAppSchema, await readJson(c), 'app');
    const app = await ctx.store.serialized(async () => {
      let id = input.id;
      if (id !== undefined && (await ctx.store.apps.get(id))) {
        throw new SpokeEmulatorError('API_CONFLICT', `app ${id} exists already.`);
      }
      while (id === undefined || (await ctx.store.apps.get(id))) id = await ctx.store.nextId('app', 1001);
      const now = isoNow(ctx);
      const created: App = {
        id,
        name: input.name,
        clientSecrets: input.clientSecrets ?? [ctx.randomUUID()],
        developerApiKey:
          input.developerApiKey ?? (await ctx.store.apps.list())[0]?.developerApiKey ?? ctx.randomUUID(),
        scopes: input.scopes ?? [...allObjectScopes],
        shareViaTargetUrl: input.shareViaTargetUrl ?? null,
        shareViaShape: input.shareViaShape ?? 'current',
        ...(input.publicUrl ? { publicUrl: input.publicUrl } : {}),
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.redirectUrls ? { redirectUrls: input.redirectUrls } : {}),
        ...(input.permittedUrls ? { permittedUrls: input.permittedUrls } : {}),
        createdAt: now,
        updatedAt: now,
      };
      await ctx.store.apps.insert(created.id, created);
      // A new app is installed in the dev portal (the first), as decision 0013 explains.
      const devPortal = (await ctx.store.portals.list({ limit: 1 }))[0];
      if (devPortal)
        await ctx.store.installs.put(
          `${created.id}:${devPortal.id}`,
          devInstall(created, devPortal.id),
          created.id,
        );
      return (await ctx.store.apps.get(created.id)) ?? created;
    });
    return c.json(app, 201);
  });

  api.get('/_spoke/apps/:appId', async (c) => c.json(await appParam(c, ctx.store)));

  api.patch('/_spoke/apps/:appId', async (c) => {
    const input = parseInput(patchAppSchema, await readJson(c), 'app patch');
    const updated = await ctx.store.serialized(async () => {
      const app = await appParam(c, ctx.store);
      if (input.scopes) {
        const missing = await scopesInUse(ctx, app, input.scopes);
        if (missing.length > 0) {
          throw new SpokeEmulatorError(
            'API_CONFLICT',
            `app ${app.id} has cards that need ${missing.join(', ')}; delete those cards before removing the scopes.`,
            {
              cause: issueError(missing.map((scope) => ({ path: ['scopes'], message: `in use: ${scope}` }))),
            },
          );
        }
      }
      const { cardPublicUrls, ...fields } = input;
      const next: App = {
        ...app,
        ...definedOnly(fields),
        ...(cardPublicUrls === undefined
          ? {}
          : { cardPublicUrls: await mergeCardPublicUrls(ctx, app, cardPublicUrls) }),
        updatedAt: isoNow(ctx),
      };
      await ctx.store.apps.put(next.id, next);
      return next;
    });
    // Switched to converter mode: say which of its cards HubSpot's converter would refuse.
    if (input.mode === 'converter') {
      for (const card of await ctx.store.cards.list({ scope: updated.id }))
        await warnConverterDefinition(c, ctx, updated, card, true);
    }
    return c.json(updated);
  });

  api.delete('/_spoke/apps/:appId', async (c) => {
    const app = await appParam(c, ctx.store);
    const { store } = ctx;
    const shares = await store.shares.list({ scope: app.id });
    const portals = await store.portals.list();
    await store.write([
      store.installs.deleteScopeWrite(app.id),
      ...portals.flatMap((portal) => [
        store.oauthCodes.deleteScopeWrite(installKey(app.id, portal.id)),
        store.oauthTokens.deleteScopeWrite(installKey(app.id, portal.id)),
      ]),
      store.cards.deleteScopeWrite(app.id),
      store.callingSettings.deleteWrite(app.id),
      store.channelConnectionSettings.deleteWrite(app.id),
      ...shares.map((share) => store.shareSends.deleteScopeWrite(share.id)),
      store.shares.deleteScopeWrite(app.id),
      store.connectedNumbers.deleteScopeWrite(app.id),
      store.faults.deleteScopeWrite(app.id),
      store.apps.deleteWrite(app.id),
    ]);
    for (const share of shares) ctx.platform.unscheduleShare(share.id);
    return c.body(null, 204);
  });

  api.get('/_spoke/apps/:appId/share-via', async (c) => {
    const app = await appParam(c, ctx.store);
    return c.json({ targetUrl: app.shareViaTargetUrl, shape: app.shareViaShape });
  });

  api.put('/_spoke/apps/:appId/share-via', async (c) => {
    const input = parseInput(shareViaSettingsSchema, await readJson(c), 'Share Via settings');
    const app = await ctx.store.serialized(async () => {
      const current = await appParam(c, ctx.store);
      const next: App = {
        ...current,
        shareViaTargetUrl: input.targetUrl,
        shareViaShape: input.shape ?? current.shareViaShape,
        updatedAt: isoNow(ctx),
      };
      await ctx.store.apps.put(next.id, next);
      return next;
    });
    return c.json({ targetUrl: app.shareViaTargetUrl, shape: app.shareViaShape });
  });
}
