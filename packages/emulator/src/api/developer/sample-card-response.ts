import type { LegacyCardResponse } from '@spoke/protocol';

/** What `GET …/sample-response` returns: the documented legacy example. docs/protocol.md §2.3. */
export const sampleCardResponse: LegacyCardResponse = {
  results: [
    {
      objectId: 245,
      title: 'API-22: APIs working too fast',
      link: 'http://example.com/1',
      created: '2016-09-15',
      priority: 'HIGH',
      project: 'API',
      description: 'Customer reported that the APIs are just running too fast. This is causing a problem.',
      reporter_type: 'Account Manager',
      status: 'In Progress',
      ticket_type: 'Bug',
      updated: '2016-09-28',
      properties: [
        { label: 'Resolved by', dataType: 'EMAIL', value: 'ijones@hubspot.com' },
        { label: 'Resolution type', dataType: 'STRING', value: 'Referred to documentation' },
        { label: 'Resolution impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'GBP' },
      ],
      actions: [
        {
          type: 'IFRAME',
          width: 890,
          height: 748,
          uri: 'https://example.com/edit-iframe-contents',
          label: 'Edit',
          associatedObjectProperties: [],
        },
        {
          type: 'CONFIRMATION_ACTION_HOOK',
          confirmationMessage: 'Are you sure you want to delete this ticket?',
          confirmButtonText: 'Yes',
          cancelButtonText: 'No',
          httpMethod: 'DELETE',
          associatedObjectProperties: ['protected_account'],
          uri: 'https://example.com/tickets/245',
          label: 'Delete',
        },
      ],
    },
  ],
  totalCount: 1,
  allItemsLink: 'https://example.com/all',
  itemLabel: 'See more tickets',
  settingsAction: {
    type: 'IFRAME',
    width: 890,
    height: 748,
    uri: 'https://example.com/settings-iframe-contents',
    label: 'Settings',
  },
  primaryAction: {
    type: 'IFRAME',
    width: 890,
    height: 748,
    uri: 'https://example.com/create-iframe-contents',
    label: 'Create Ticket',
  },
};
