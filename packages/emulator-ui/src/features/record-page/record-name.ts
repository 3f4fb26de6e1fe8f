import type { CrmObjectType, CrmRecord } from '../../api/types.ts';

/** The property that names a record of each type, as HubSpot titles a record page. */
const nameProperties: Record<CrmObjectType, readonly string[]> = {
  contacts: ['firstname', 'lastname'],
  companies: ['name'],
  deals: ['dealname'],
  tickets: ['subject'],
};

/** Singular labels for headings. */
export const objectTypeLabels: Record<CrmObjectType, string> = {
  contacts: 'Contact',
  companies: 'Company',
  deals: 'Deal',
  tickets: 'Ticket',
};

/** The name a record page shows: first and last name, company or deal name, ticket subject. */
export function recordName(record: CrmRecord): string {
  const name = nameProperties[record.objectType]
    .map((p) => record.properties[p] ?? '')
    .join(' ')
    .trim();
  return name || `${objectTypeLabels[record.objectType]} #${record.id}`;
}
