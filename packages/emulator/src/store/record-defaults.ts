/**
 * HubSpot's default properties of a CRM record, derived from the record itself so they stay true
 * when it changes: `hs_object_id` (its id), `createdate` and the last-modified date under HubSpot's
 * name for the object type, as ISO 8601 strings like HubSpot's CRM API gives them. `hubspot_owner_id`
 * is an ordinary property: the record has an owner when it is set (a numeric owner id).
 * docs/emulator.md (Records).
 */

/** The record fields the defaults are derived from. */
export interface RecordTimes {
  id: string;
  objectType: 'contacts' | 'companies' | 'deals' | 'tickets';
  properties: Readonly<Record<string, string>>;
  createdAt: string;
  updatedAt: string;
}

/** HubSpot's name for the last-modified date: contacts keep the old name, the others the `hs_` one. */
export const lastModifiedPropertyName = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  deals: 'hs_lastmodifieddate',
  tickets: 'hs_lastmodifieddate',
} as const satisfies Record<RecordTimes['objectType'], string>;

/** The properties HubSpot sets on every record of the type and a client cannot choose. */
export function derivedPropertyNames(objectType: RecordTimes['objectType']): readonly string[] {
  return ['hs_object_id', 'createdate', lastModifiedPropertyName[objectType]];
}

/** The default properties of a record, from its id and times. */
export function defaultProperties(record: Omit<RecordTimes, 'properties'>): Record<string, string> {
  return {
    hs_object_id: record.id,
    createdate: record.createdAt,
    [lastModifiedPropertyName[record.objectType]]: record.updatedAt,
  };
}

/**
 * The record with HubSpot's default properties set from its id and times (stored values of those
 * names are replaced, so they never go stale). The one place they are made: the store applies it
 * to every record it reads.
 */
export function withDefaultProperties<T extends RecordTimes>(record: T): T {
  return { ...record, properties: { ...record.properties, ...defaultProperties(record) } };
}

/**
 * Why the properties a client wrote cannot be kept, or null: `hs_object_id` other than the record's
 * id, or a `hubspot_owner_id` that is not a numeric owner id. `id` is null before one is assigned.
 */
export function recordPropertiesProblem(
  properties: Readonly<Record<string, string | number | boolean | null>>,
  id: string | null,
): { property: string; message: string } | null {
  const objectId = properties.hs_object_id;
  if (objectId !== undefined && objectId !== null && String(objectId) !== id) {
    return {
      property: 'hs_object_id',
      message: `hs_object_id is the record's id${id === null ? '' : ` (${id})`} and HubSpot sets it; ${JSON.stringify(String(objectId))} cannot be written. Leave hs_object_id out.`,
    };
  }
  const owner = properties.hubspot_owner_id;
  if (owner !== undefined && owner !== null && owner !== '' && !/^[1-9]\d{0,15}$/.test(String(owner))) {
    return {
      property: 'hubspot_owner_id',
      message: `hubspot_owner_id must be a numeric owner id such as 1 (a portal user's id), not ${JSON.stringify(String(owner))}.`,
    };
  }
  return null;
}
