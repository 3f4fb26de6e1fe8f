import { associatedObjectTypeByName, defaultParamNames, type ObjectTypeName } from '@spoke/protocol';
import type { Exchange } from './exchange.ts';
import type { Field } from './query.ts';

/** The CRM record a card or action is about. Property values are strings, as HubSpot stores them. */
export interface DispatchRecord {
  id: string | number;
  objectType: ObjectTypeName;
  properties: Readonly<Record<string, string>>;
}

/** The portal (account) the call comes from. */
export interface DispatchPortal {
  id: number;
}

/** The user looking at the record. */
export interface DispatchUser {
  id: number;
  email: string;
}

/** Who and what a card call is about. */
export interface RecordScope {
  record: DispatchRecord;
  portal: DispatchPortal;
  user: DispatchUser;
}

/** The five parameters every data fetch and action hook carries, in HubSpot's order. docs/protocol.md §2.2. */
export function defaultFields({ record, portal, user }: RecordScope): Field[] {
  const values: Record<(typeof defaultParamNames)[number], string> = {
    userId: String(user.id),
    userEmail: user.email,
    associatedObjectId: String(record.id),
    associatedObjectType: associatedObjectTypeByName[record.objectType],
    portalId: String(portal.id),
  };
  return defaultParamNames.map((name) => [name, values[name]] as const);
}

/**
 * The record's values of the named properties, in the order named. Properties the record has no
 * value for (absent or empty) are left out. docs/protocol.md §2.2.
 */
export function propertyFields(names: readonly string[], record: DispatchRecord): Field[] {
  const fields: Field[] = [];
  for (const name of new Set(names)) {
    const value = record.properties[name];
    if (value !== undefined && value !== '') fields.push([name, value]);
  }
  return fields;
}

/** The named properties the record has no value for (absent or empty), each once, in the order named. */
export function missingProperties(names: readonly string[], record: DispatchRecord): string[] {
  return [...new Set(names)].filter((name) => {
    const value = record.properties[name];
    return value === undefined || value === '';
  });
}

/**
 * Explains each requested property the call left out (HubSpot drops them without a word): an info
 * verdict DISPATCH_PROPERTY_NOT_SENT per property. `list` names where it was asked for.
 */
export function notePropertiesNotSent(
  exchange: Exchange,
  names: readonly string[],
  record: DispatchRecord,
  list: 'propertiesToSend' | 'associatedObjectProperties',
): void {
  for (const name of missingProperties(names, record)) {
    exchange.verdicts.push({
      code: 'DISPATCH_PROPERTY_NOT_SENT',
      severity: 'info',
      message: `not sent: the record has no value for ${name} (named in ${list}); HubSpot leaves such a property out without a word, so the service must handle its absence. Give the record a value to send it.`,
    });
  }
}
