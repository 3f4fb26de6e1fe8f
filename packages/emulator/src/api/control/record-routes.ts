import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import type { CrmObjectType, CrmRecord } from '../../store/entities.ts';
import {
  derivedPropertyNames,
  recordPropertiesProblem,
  withDefaultProperties,
} from '../../store/record-defaults.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { numericParam, objectTypeParam } from './path-params.ts';

const propertyValueSchema = z.union([z.string(), z.number(), z.boolean()]);
/** Body of `POST /_spoke/records/{objectType}`; exported for the hardening corpus. */
export const createRecordSchema = z.object({
  properties: z.record(z.string().min(1), propertyValueSchema),
  /** The portal the record belongs to. @default the first portal (the dev portal) */
  portalId: z.number().int().positive().optional(),
});
/** Query of `GET /_spoke/records/{objectType}`; exported for the hardening corpus. */
export const recordListQuerySchema = z.object({
  q: z.string().optional(),
  /** Only the records of this portal. */
  portalId: z.coerce.number().int().positive().optional(),
});
/** Body of `PATCH /_spoke/records/{objectType}/{id}`. */
export const patchRecordSchema = z.object({
  // null removes a property.
  properties: z.record(z.string().min(1), propertyValueSchema.nullable()),
});

/** Properties searched by `?q=`, per object type. */
const nameProperties: Record<CrmObjectType, readonly (readonly string[])[]> = {
  contacts: [['firstname', 'lastname'], ['email']],
  companies: [['name']],
  deals: [['dealname']],
  tickets: [['subject']],
};

/** The display name of a record: what `?q=` matches and what a record page shows as its title. */
export function recordName(record: CrmRecord): string {
  const [first] = nameProperties[record.objectType];
  return (
    (first ?? [])
      .map((p) => record.properties[p] ?? '')
      .join(' ')
      .trim() || `#${record.id}`
  );
}

function matches(record: CrmRecord, q: string): boolean {
  const needle = q.toLowerCase();
  return nameProperties[record.objectType].some((group) =>
    group
      .map((p) => record.properties[p] ?? '')
      .join(' ')
      .toLowerCase()
      .includes(needle),
  );
}

/** Refuses (400) an `hs_object_id` other than the record's id and a `hubspot_owner_id` that is not an id. */
export function checkRecordProperties(
  properties: Readonly<Record<string, string | number | boolean | null>>,
  id: string | null,
  objectType: CrmObjectType,
): void {
  const problem = recordPropertiesProblem(properties, id);
  if (problem) {
    throw new SpokeEmulatorError(
      'API_VALIDATION_FAILED',
      `invalid ${objectType} record: ${problem.message} (at properties.${problem.property}).`,
    );
  }
}

/**
 * The properties a client may keep, as strings: HubSpot's derived ones (hs_object_id, createdate,
 * the last-modified date) are left out, since every read sets them from the record's id and times.
 */
export function writableProperties(
  properties: Readonly<Record<string, string | number | boolean | null>>,
  objectType: CrmObjectType,
): Record<string, string> {
  const derived = new Set(derivedPropertyNames(objectType));
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([key, value]) => value !== null && !derived.has(key))
      .map(([key, value]) => [key, String(value)]),
  );
}

/** The record named by `:objectType/:id`, 404 when absent or (unless `archived: 'include'`) archived. */
export async function findRecord(
  ctx: ApiContext,
  objectType: CrmObjectType,
  id: number,
  archived: 'refuse' | 'include' = 'refuse',
): Promise<CrmRecord> {
  const record = await ctx.store.records.get(id);
  if (!record || record.objectType !== objectType) {
    throw new SpokeEmulatorError('API_NOT_FOUND', `no ${objectType} record ${id}.`);
  }
  if (archived === 'refuse' && record.archivedAt !== undefined) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `${objectType} record ${id} was archived at ${record.archivedAt} through the CRM API, so HubSpot shows it nowhere; GET /crm/v3/objects/${objectType}/${id}?archived=true reads it.`,
    );
  }
  return record;
}

/** CRM records of contacts, companies, deals and tickets: list (`?q=`), create, get, patch, delete. */
export function registerRecordRoutes(api: Hono, ctx: ApiContext): void {
  api.get('/_spoke/records/:objectType', async (c) => {
    const objectType = objectTypeParam(c);
    const query = parseInput(recordListQuerySchema, c.req.query(), 'query');
    const q = query.q?.trim();
    const records = (await ctx.store.records.list({ scope: objectType })).filter(
      (r) => r.archivedAt === undefined && (query.portalId === undefined || r.portalId === query.portalId),
    );
    return c.json({ results: q ? records.filter((r) => matches(r, q)) : records });
  });

  api.post('/_spoke/records/:objectType', async (c) => {
    const objectType = objectTypeParam(c);
    const input = parseInput(createRecordSchema, await readJson(c), 'record');
    checkRecordProperties(input.properties, null, objectType);
    const portalId = input.portalId ?? (await ctx.store.portals.list({ limit: 1 }))[0]?.id;
    if (portalId === undefined || !(await ctx.store.portals.get(portalId))) {
      throw new SpokeEmulatorError(
        'API_NOT_FOUND',
        portalId === undefined
          ? 'the emulator has no portal to put the record in; POST /_spoke/portals first.'
          : `no portal ${portalId}; GET /_spoke/portals lists them.`,
      );
    }
    const now = isoNow(ctx);
    const record: CrmRecord = {
      id: String(await ctx.store.nextId('record', 101)),
      objectType,
      portalId,
      properties: writableProperties(input.properties, objectType),
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.records.insert(record.id, record, objectType);
    return c.json(withDefaultProperties(record), 201);
  });

  api.get('/_spoke/records/:objectType/:id', async (c) => {
    return c.json(await findRecord(ctx, objectTypeParam(c), numericParam(c, 'id')));
  });

  api.patch('/_spoke/records/:objectType/:id', async (c) => {
    const objectType = objectTypeParam(c);
    const id = numericParam(c, 'id');
    const input = parseInput(patchRecordSchema, await readJson(c), 'record patch');
    const updated = await ctx.store.serialized(async () => {
      const record = await findRecord(ctx, objectType, id);
      checkRecordProperties(input.properties, record.id, objectType);
      const properties = { ...record.properties };
      for (const [key, value] of Object.entries(input.properties)) {
        if (value === null) delete properties[key];
        else properties[key] = String(value);
      }
      const next: CrmRecord = {
        ...record,
        properties: writableProperties(properties, objectType),
        updatedAt: isoNow(ctx),
      };
      await ctx.store.records.put(next.id, next, objectType);
      return withDefaultProperties(next);
    });
    return c.json(updated);
  });

  // Deletes for good, archived records included (an app's archive keeps them).
  api.delete('/_spoke/records/:objectType/:id', async (c) => {
    const record = await findRecord(ctx, objectTypeParam(c), numericParam(c, 'id'), 'include');
    await ctx.store.records.delete(record.id);
    return c.body(null, 204);
  });
}
