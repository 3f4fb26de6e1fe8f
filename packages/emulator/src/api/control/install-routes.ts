import type { Hono } from 'hono';
import { z } from 'zod';
import { installApp, uninstallApp } from '../../oauth/oauth-server.ts';
import type { ApiContext } from '../api-context.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { numericParam } from './path-params.ts';

/** Body of `POST /_spoke/installs`: install without the consent screen (a dev shortcut). */
export const createInstallSchema = z.object({
  appId: z.number().int().positive(),
  /** @default the first portal */
  portalId: z.number().int().positive().optional(),
  /** @default every scope of the app */
  scopes: z.array(z.string().min(1)).optional(),
});

/** Query of `GET /_spoke/installs`. */
export const installListQuerySchema = z.object({
  appId: z.coerce.number().int().positive().optional(),
  portalId: z.coerce.number().int().positive().optional(),
});

/** Installs: which app is installed in which portal, with which scopes. docs/emulator.md. */
export function registerInstallRoutes(api: Hono, ctx: ApiContext): void {
  const deps = { store: ctx.store, now: ctx.now, randomUUID: ctx.randomUUID };

  api.get('/_spoke/installs', async (c) => {
    const query = parseInput(installListQuerySchema, c.req.query(), 'query');
    const all = await ctx.store.installs.list(query.appId === undefined ? {} : { scope: query.appId });
    const results = all.filter((i) => query.portalId === undefined || i.portalId === query.portalId);
    return c.json({ results });
  });

  api.post('/_spoke/installs', async (c) => {
    const input = parseInput(createInstallSchema, await readJson(c), 'install');
    const portalId = input.portalId ?? (await ctx.store.portals.list({ limit: 1 }))[0]?.id ?? 0;
    const { install, created } = await installApp(deps, { ...input, portalId });
    return c.json(install, created ? 201 : 200);
  });

  api.delete('/_spoke/installs/:appId/:portalId', async (c) => {
    await uninstallApp(deps, numericParam(c, 'appId'), numericParam(c, 'portalId'));
    return c.body(null, 204);
  });
}
