import { ignoredFieldWarnings } from '@spoke/protocol';
import type { Hono } from 'hono';
import type { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import type { Collection } from '../../store/collection.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { definedOnly } from '../defined-only.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { authorizeDeveloper } from './authorize-developer.ts';
import { warnIgnoredFields } from './warn-ignored-fields.ts';

// What a GET returns but a write ignores.
const readOnly = ['createdAt', 'updatedAt'];

/** One per-app settings resource of the developer API (calling, channel connection). */
export interface SettingsResource<T extends { createdAt: string; updatedAt: string }> {
  /** Path with `:appId`. */
  path: string;
  /** Name used in messages. */
  what: string;
  collection: (ctx: ApiContext) => Collection<T>;
  /** Parses a create body (the fields of T without the timestamps). */
  createSchema: z.ZodType<object>;
  /** Parses a patch body (any subset of those fields). */
  patchSchema: z.ZodType<object>;
}

/**
 * POST (create; 409 when it exists), GET, PATCH (404 when absent) and DELETE (204) of a
 * singleton settings object per app, with `createdAt`/`updatedAt`. docs/protocol.md §4.1.
 */
export function registerSettingsRoutes<T extends { createdAt: string; updatedAt: string }>(
  api: Hono,
  ctx: ApiContext,
  resource: SettingsResource<T>,
): void {
  const collection = resource.collection(ctx);
  const absent = (appId: number) =>
    new SpokeEmulatorError(
      'API_NOT_FOUND',
      `app ${appId} has no ${resource.what}; create them with POST first.`,
    );

  api.post(resource.path, async (c) => {
    const app = await authorizeDeveloper(c, ctx.store);
    const body = await readJson(c);
    const input = parseInput(resource.createSchema, body, resource.what);
    const created = await ctx.store.serialized(async () => {
      if (await collection.get(app.id)) {
        throw new SpokeEmulatorError(
          'API_CONFLICT',
          `app ${app.id} already has ${resource.what}; change them with PATCH or DELETE them first.`,
        );
      }
      const now = isoNow(ctx);
      const value = { ...definedOnly(input), createdAt: now, updatedAt: now } as T;
      await collection.put(app.id, value, app.id);
      return value;
    });
    warnIgnoredFields(c, ctx, ignoredFieldWarnings(resource.createSchema, body, { readOnly }));
    return c.json(created, 200);
  });

  api.get(resource.path, async (c) => {
    const app = await authorizeDeveloper(c, ctx.store);
    const value = await collection.get(app.id);
    if (!value) throw absent(app.id);
    return c.json(value);
  });

  api.patch(resource.path, async (c) => {
    const app = await authorizeDeveloper(c, ctx.store);
    const body = await readJson(c);
    const patch = parseInput(resource.patchSchema, body, resource.what);
    const updated = await ctx.store.serialized(async () => {
      const current = await collection.get(app.id);
      if (!current) throw absent(app.id);
      const value = { ...current, ...definedOnly(patch), updatedAt: isoNow(ctx) } as T;
      await collection.put(app.id, value, app.id);
      return value;
    });
    warnIgnoredFields(c, ctx, ignoredFieldWarnings(resource.patchSchema, body, { readOnly }));
    return c.json(updated);
  });

  api.delete(resource.path, async (c) => {
    const app = await authorizeDeveloper(c, ctx.store);
    if (!(await collection.delete(app.id))) throw absent(app.id);
    return c.body(null, 204);
  });
}
