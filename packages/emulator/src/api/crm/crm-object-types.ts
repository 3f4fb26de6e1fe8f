import { SpokeEmulatorError } from '../../errors.ts';
import { type CrmObjectType, crmObjectTypeSchema } from '../../store/entities.ts';
import { lastModifiedPropertyName } from '../../store/record-defaults.ts';

/**
 * What the CRM objects API v3 knows of each object type the emulator keeps: HubSpot's object type
 * ids, the properties a read returns when none are asked for, what `query` searches, and the scopes.
 * docs/emulator.md, "CRM API".
 */

/** HubSpot's object type ids, which the API takes in place of the name (`/crm/v3/objects/0-1/…`). */
export const objectTypeIds: Readonly<Record<string, CrmObjectType>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
};

/** The path's object type, by name or HubSpot id; 400 CRM_OBJECT_TYPE_UNSUPPORTED for any other. */
export function crmObjectType(raw: string | undefined): CrmObjectType {
  const name = raw === undefined ? undefined : (objectTypeIds[raw] ?? raw.toLowerCase());
  const parsed = crmObjectTypeSchema.safeParse(name);
  if (!parsed.success) {
    throw new SpokeEmulatorError(
      'CRM_OBJECT_TYPE_UNSUPPORTED',
      `the path's objectType ${JSON.stringify(raw)} is not an object type the emulator keeps; its CRM API serves ${crmObjectTypeSchema.options.join(', ')} (or HubSpot's ids ${Object.keys(objectTypeIds).join(', ')}).`,
    );
  }
  return parsed.data;
}

/**
 * The properties HubSpot returns when a read names none ("Default returned properties" of HubSpot's
 * "Search the CRM"); a read that names some gets those plus `hs_object_id`, `createdate` and the
 * last-modified date.
 */
export const defaultReadProperties: Readonly<Record<CrmObjectType, readonly string[]>> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  tickets: [
    'content',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
    'hs_pipeline',
    'hs_pipeline_stage',
    'hs_ticket_category',
    'hs_ticket_priority',
    'subject',
  ],
};

/** The properties every read returns, asked for or not. */
export function alwaysReadProperties(objectType: CrmObjectType): readonly string[] {
  return ['createdate', 'hs_object_id', lastModifiedPropertyName[objectType]];
}

/** What a search's `query` matches (HubSpot's default searchable properties of each object). */
export const queryProperties: Readonly<Record<CrmObjectType, readonly string[]>> = {
  contacts: [
    'firstname',
    'lastname',
    'email',
    'phone',
    'hs_additional_emails',
    'fax',
    'mobilephone',
    'company',
  ],
  companies: ['name', 'website', 'domain', 'phone'],
  deals: ['dealname', 'pipeline', 'dealstage', 'description', 'dealtype'],
  tickets: ['subject', 'content', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_id'],
};

/**
 * The scopes that allow reading or writing an object type: any one of them will do. Tickets take
 * the granular scope or HubSpot's older `tickets` scope, which covers both.
 */
export function crmScopes(objectType: CrmObjectType, access: 'read' | 'write'): string[] {
  const granular = `crm.objects.${objectType}.${access}`;
  return objectType === 'tickets' ? [granular, 'tickets'] : [granular];
}
