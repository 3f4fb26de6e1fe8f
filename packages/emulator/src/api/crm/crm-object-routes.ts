import {
  type CrmObject,
  type CrmObjectPage,
  type CrmSearchPage,
  crmObjectCreateSchema,
  crmObjectUpdateSchema,
  crmSearchRequestSchema,
  exactIdStringSchema,
  limits,
} from '@spoke/protocol';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import type { CrmObjectType, CrmRecord } from '../../store/entities.ts';
import { withDefaultProperties } from '../../store/record-defaults.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { checkRecordProperties, writableProperties } from '../control/record-routes.ts';
import type { RateLimiter } from '../developer/rate-limit.ts';
import { warnIgnoredFields } from '../developer/warn-ignored-fields.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { type CrmCaller, crmAuth, crmCaller } from './crm-auth.ts';
import { alwaysReadProperties, crmObjectType, defaultReadProperties } from './crm-object-types.ts';
import { searchRecords } from './crm-search.ts';

/**
 * HubSpot's CRM objects API v3 for contacts, companies, deals and tickets, as an installed app calls
 * it with its OAuth access token (the official `@hubspot/api-client` with `basePath` set to the
 * emulator): get, list, create, update, archive and search, on the records of the token's portal.
 * Writes go through the store's records, so the record page and the next card fetch see them.
 * docs/emulator.md, "CRM API".
 */

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Query of `GET /crm/v3/objects/{objectType}/{objectId}`. */
export const crmGetQuerySchema = z.object({
  archived: booleanQuery.default(false),
  /** Look the record up by this unique property (e.g. `email`) instead of its id. */
  idProperty: z.string().min(1).optional(),
});

/** Query of `GET /crm/v3/objects/{objectType}` (besides `properties`, which may repeat). */
export const crmListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(limits.crmListMaxLimit).default(limits.crmListDefaultLimit),
  /** `paging.next.after` of the previous page: the id the next page starts at. */
  after: z.string().regex(/^\d+$/, 'must be the paging.next.after of the previous page').optional(),
  archived: booleanQuery.default(false),
});

/** `:objectId`: a record id, digits that fit a number exactly. */
const objectIdSchema = z.object({ objectId: exactIdStringSchema });

/** Query of `PATCH /crm/v3/objects/{objectType}/{objectId}`. */
export const crmUpdateQuerySchema = z.object({ idProperty: z.string().min(1).optional() });

/** `?properties=a,b` or `?properties=a&properties=b`; null when none are named. */
function propertiesQuery(c: Context): string[] | null {
  const names = (c.req.queries('properties') ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length === 0 ? null : names;
}

/**
 * The record as the API answers it: the properties asked for (null where the record has no value)
 * plus `hs_object_id`, `createdate` and the last-modified date, or HubSpot's default set.
 */
function crmObject(record: CrmRecord, wanted: readonly string[] | null): CrmObject {
  const full = withDefaultProperties(record);
  const names =
    wanted === null
      ? defaultReadProperties[record.objectType]
      : [...new Set([...alwaysReadProperties(record.objectType), ...wanted])];
  return {
    id: record.id,
    properties: Object.fromEntries(names.map((name) => [name, full.properties[name] ?? null])),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archivedAt !== undefined,
    ...(record.archivedAt === undefined ? {} : { archivedAt: record.archivedAt }),
  };
}

/** The caller's records of one type, oldest id first: the active ones, or with `archived` the archived ones. */
async function portalRecords(
  ctx: ApiContext,
  objectType: CrmObjectType,
  caller: CrmCaller,
  archived = false,
) {
  const records = await ctx.store.records.list({ scope: objectType });
  return records
    .filter((record) => reaches(caller, record, archived))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * True when the caller reaches the record in the view asked for: a token reaches only its install's
 * portal, and an archived record only with `archived=true` (an active one only without).
 */
function reaches(caller: CrmCaller, record: CrmRecord, archived: boolean): boolean {
  return record.portalId === caller.portalId && (record.archivedAt !== undefined) === archived;
}

function notFound(
  objectType: CrmObjectType,
  id: string,
  caller: CrmCaller,
  archived: boolean,
  by?: string,
): SpokeEmulatorError {
  return new SpokeEmulatorError(
    'CRM_OBJECT_NOT_FOUND',
    `Object not found. No ${archived ? 'archived ' : ''}${objectType} record ${by ? `with ${by} ${JSON.stringify(id)}` : id} in portal ${caller.portalId}${by ? '' : ' (objectId is the numeric hs_object_id; pass ?idProperty= to look one up by another unique property)'}${archived ? '' : '; an archived one is read with ?archived=true'}.`,
  );
}

/** The record of the path's `:objectId` (or `idProperty` value) in the caller's portal; 404 otherwise. */
async function findCrmRecord(
  c: Context,
  ctx: ApiContext,
  objectType: CrmObjectType,
  caller: CrmCaller,
  idProperty: string | undefined,
  archived = false,
): Promise<CrmRecord> {
  const raw = c.req.param('objectId') ?? '';
  if (idProperty !== undefined && idProperty !== 'hs_object_id') {
    const needle = raw.toLowerCase();
    const found = (await portalRecords(ctx, objectType, caller, archived)).find(
      (record) => record.properties[idProperty]?.toLowerCase() === needle,
    );
    if (!found) throw notFound(objectType, raw, caller, archived, idProperty);
    return found;
  }
  const { objectId } = parseInput(objectIdSchema, { objectId: raw }, 'path');
  const record = await ctx.store.records.get(objectId);
  if (!record || record.objectType !== objectType || !reaches(caller, record, archived)) {
    throw notFound(objectType, objectId, caller, archived);
  }
  return record;
}

/** The stored properties after a write: an empty string clears a property, as HubSpot does. */
function applyProperties(
  current: Readonly<Record<string, string>>,
  input: Readonly<Record<string, string | number | boolean>>,
  objectType: CrmObjectType,
): Record<string, string> {
  const next: Record<string, string | null> = { ...current };
  for (const [name, value] of Object.entries(input)) next[name] = value === '' ? null : String(value);
  return writableProperties(next, objectType);
}

/** HubSpot keeps one contact per email address: creating a second is a 409 naming the first. */
async function checkUniqueEmail(
  ctx: ApiContext,
  caller: CrmCaller,
  properties: Readonly<Record<string, string>>,
  exceptId: string | null,
): Promise<void> {
  const email = properties.email?.toLowerCase();
  if (!email) return;
  const existing = (await portalRecords(ctx, 'contacts', caller)).find(
    (record) => record.id !== exceptId && record.properties.email?.toLowerCase() === email,
  );
  if (existing) {
    throw new SpokeEmulatorError(
      'API_CONFLICT',
      `Contact already exists. Existing ID: ${existing.id} (HubSpot keeps one contact per email address; update that one instead).`,
    );
  }
}

/** Registers `/crm/v3/objects/{objectType}…`; `limiter` counts each call per app and portal (null: no limits). */
export function registerCrmObjectRoutes(api: Hono, ctx: ApiContext, limiter: RateLimiter | null): void {
  api.use('/crm/v3/objects/*', crmAuth(ctx, limiter));

  api.get('/crm/v3/objects/:objectType', async (c) => {
    const objectType = crmObjectType(c.req.param('objectType'));
    const caller = crmCaller(c, objectType, 'read');
    const query = parseInput(crmListQuerySchema, c.req.query(), 'query');
    const wanted = propertiesQuery(c);
    // archived=true lists the archived records only, as HubSpot does.
    const records = await portalRecords(ctx, objectType, caller, query.archived);
    const start =
      query.after === undefined ? 0 : records.findIndex((r) => Number(r.id) >= Number(query.after));
    const page = start < 0 ? [] : records.slice(start, start + query.limit);
    const next = start < 0 ? undefined : records[start + query.limit];
    const body: CrmObjectPage = { results: page.map((record) => crmObject(record, wanted)) };
    if (next) {
      const link = new URL(c.req.url);
      link.searchParams.set('after', next.id);
      body.paging = { next: { after: next.id, link: link.toString() } };
    }
    return c.json(body);
  });

  api.post('/crm/v3/objects/:objectType', async (c) => {
    const objectType = crmObjectType(c.req.param('objectType'));
    const caller = crmCaller(c, objectType, 'write');
    const input = parseInput(crmObjectCreateSchema, await readJson(c), `${objectType} object`);
    checkRecordProperties(input.properties, null, objectType);
    if ((input.associations ?? []).length > 0) {
      warnIgnoredFields(c, ctx, [
        {
          path: 'associations',
          message: 'the emulator keeps no associations; the record was created without them',
        },
      ]);
    }
    const record = await ctx.store.serialized(async () => {
      const properties = applyProperties({}, input.properties, objectType);
      if (objectType === 'contacts') await checkUniqueEmail(ctx, caller, properties, null);
      const now = isoNow(ctx);
      const created: CrmRecord = {
        id: String(await ctx.store.nextId('record', 101)),
        objectType,
        portalId: caller.portalId,
        properties,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.store.records.insert(created.id, created, objectType);
      return created;
    });
    return c.json(crmObject(record, Object.keys(record.properties)), 201);
  });

  api.post('/crm/v3/objects/:objectType/search', async (c) => {
    const objectType = crmObjectType(c.req.param('objectType'));
    const caller = crmCaller(c, objectType, 'read');
    const input = parseInput(crmSearchRequestSchema, await readJson(c, {}), 'search request');
    const offset = Number(input.after ?? 0);
    if (offset + input.limit > limits.crmSearchMaxResults) {
      throw new SpokeEmulatorError(
        'API_VALIDATION_FAILED',
        `a search pages through at most ${limits.crmSearchMaxResults} results (after ${offset} + limit ${input.limit} goes past it); narrow the filters, e.g. by hs_object_id GT the last id seen.`,
      );
    }
    const matched = searchRecords(await portalRecords(ctx, objectType, caller), objectType, input);
    const page = matched.slice(offset, offset + input.limit);
    const body: CrmSearchPage = {
      total: matched.length,
      results: page.map((record) => crmObject(record, input.properties ?? null)),
    };
    const nextOffset = offset + input.limit;
    if (nextOffset < matched.length && nextOffset < limits.crmSearchMaxResults) {
      body.paging = { next: { after: String(nextOffset) } };
    }
    return c.json(body);
  });

  api.get('/crm/v3/objects/:objectType/:objectId', async (c) => {
    const objectType = crmObjectType(c.req.param('objectType'));
    const caller = crmCaller(c, objectType, 'read');
    const query = parseInput(crmGetQuerySchema, c.req.query(), 'query');
    const record = await findCrmRecord(c, ctx, objectType, caller, query.idProperty, query.archived);
    return c.json(crmObject(record, propertiesQuery(c)));
  });

  api.patch('/crm/v3/objects/:objectType/:objectId', async (c) => {
    const objectType = crmObjectType(c.req.param('objectType'));
    const caller = crmCaller(c, objectType, 'write');
    const query = parseInput(crmUpdateQuerySchema, c.req.query(), 'query');
    const input = parseInput(crmObjectUpdateSchema, await readJson(c), `${objectType} update`);
    const updated = await ctx.store.serialized(async () => {
      const record = await findCrmRecord(c, ctx, objectType, caller, query.idProperty);
      checkRecordProperties(input.properties, record.id, objectType);
      const properties = applyProperties(record.properties, input.properties, objectType);
      if (objectType === 'contacts') await checkUniqueEmail(ctx, caller, properties, record.id);
      const next: CrmRecord = { ...record, properties, updatedAt: isoNow(ctx) };
      await ctx.store.records.put(next.id, next, objectType);
      return next;
    });
    return c.json(crmObject(updated, Object.keys(input.properties)));
  });

  api.delete('/crm/v3/objects/:objectType/:objectId', async (c) => {
    const objectType = crmObjectType(c.req.param('objectType'));
    const caller = crmCaller(c, objectType, 'write');
    await ctx.store.serialized(async () => {
      const record = await findCrmRecord(c, ctx, objectType, caller, undefined);
      // Archived, as HubSpot archives: kept, and read only with archived=true.
      const now = isoNow(ctx);
      await ctx.store.records.put(record.id, { ...record, updatedAt: now, archivedAt: now }, objectType);
    });
    return c.body(null, 204);
  });
}
