import { exactIdStringSchema } from '@spoke/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import { type App, type CrmObjectType, crmObjectTypeSchema } from '../../store/entities.ts';
import type { Store } from '../../store/store.ts';
import { parseInput } from '../parse-input.ts';

/** A numeric path parameter, 400 when it is not digits or too large to be an id. */
export function numericParam(c: Context, name: string): number {
  const value = parseInput(paramSchema(name), { [name]: c.req.param(name) }, 'path');
  return Number(value[name]);
}

// Built once per name: zod compiles a schema on its first parse (about 6 % of a record open's CPU).
const paramSchemas = new Map<string, z.ZodObject<Record<string, typeof exactIdStringSchema>>>();
function paramSchema(name: string) {
  let schema = paramSchemas.get(name);
  if (!schema) {
    schema = z.object({ [name]: exactIdStringSchema });
    paramSchemas.set(name, schema);
  }
  return schema;
}

/** `:objectType` as one of contacts, companies, deals, tickets; 404 for anything else. */
export function objectTypeParam(c: Context): CrmObjectType {
  const raw = c.req.param('objectType');
  const parsed = crmObjectTypeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `no object type "${raw}"; use one of ${crmObjectTypeSchema.options.join(', ')}.`,
    );
  }
  return parsed.data;
}

/** The app named by `:appId`, 404 when there is none. */
export async function appParam(c: Context, store: Store): Promise<App> {
  const appId = numericParam(c, 'appId');
  const app = await store.apps.get(appId);
  if (!app) throw new SpokeEmulatorError('API_NOT_FOUND', `no app ${appId}; GET /_spoke/apps lists them.`);
  return app;
}
