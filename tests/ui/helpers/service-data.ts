import type { PhoneNumber, Recipient } from '@spoke/protocol';

/** 13 recipients: more than one page of 10, channels (type 0) and users (type 1) mixed. */
export const recipients: Recipient[] = [
  { id: 'C1', name: 'general', type: 0 },
  { id: 'C2', name: 'sales-team', type: 0 },
  { id: 'C3', name: 'support-escalations', type: 0 },
  { id: 'C4', name: 'marketing', type: 0 },
  { id: 'C5', name: 'release-notes', type: 0 },
  { id: 'U1', name: 'Maria Johnson', type: 1 },
  { id: 'U2', name: 'Brian Halligan', type: 1 },
  { id: 'U3', name: 'Aiko Tanaka', type: 1 },
  { id: 'U4', name: 'Samuel Okafor', type: 1 },
  { id: 'U5', name: 'Priya Raman', type: 1 },
  { id: 'U6', name: 'Lars Nilsson', type: 1 },
  { id: 'C6', name: 'sales-emea', type: 0 },
  { id: 'U7', name: 'Sally Salesperson', type: 1 },
];

/** The numbers the channel-connection webhook offers: one long name, one with an extension. */
export const phoneNumbers: PhoneNumber[] = [
  { e164PhoneNumber: '+18001231234', friendlyName: 'Enterprise support line (EMEA and APAC)' },
  { e164PhoneNumber: '+18005550199', extension: '12', friendlyName: 'Billing desk' },
  { e164PhoneNumber: '+18005550123', friendlyName: 'Sales' },
];
