/** A report in the emulated portal: what Share Via sends as `objectMetadata` (type 2 = report). */
export interface Report {
  id: number;
  name: string;
  type: 2;
  owner: string;
  dashboard: string;
  updated: string;
}

/** The portal's reports. HubSpot's reports are not part of any app API, so the emulator's are fixed. */
export const reports: readonly Report[] = [
  {
    id: 2334567,
    name: 'Chat Conversations',
    type: 2,
    owner: 'Ada Lovelace',
    dashboard: 'Service',
    updated: '2 days ago',
  },
  {
    id: 2334568,
    name: 'Deals closed this quarter',
    type: 2,
    owner: 'Grace Hopper',
    dashboard: 'Sales',
    updated: 'Yesterday',
  },
  {
    id: 2334569,
    name: 'Ticket backlog by owner',
    type: 2,
    owner: 'Alan Turing',
    dashboard: 'Service',
    updated: '3 hours ago',
  },
  {
    id: 2334570,
    name: 'Website sessions by source',
    type: 2,
    owner: 'Ada Lovelace',
    dashboard: 'Marketing',
    updated: 'Last week',
  },
];
