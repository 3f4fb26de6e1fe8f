import type { LegacyCardResponse } from '@spoke/protocol';

const more = (base: string, n: number, title: string, state: string) => ({
  objectId: 245 + n,
  title,
  link: `${base}/issues/${245 + n}`,
  priority: n % 2 === 0 ? 'LOW' : 'MEDIUM',
  properties: [{ label: 'State', dataType: 'STATUS' as const, value: state, optionType: 'INFO' as const }],
});

/**
 * A legacy card with five items of seven, every data type on the first item, item actions of each
 * kind, card-level actions and a "See more" link. docs/protocol.md §2.3.
 */
export function issuesCard(base: string, issueState: string): LegacyCardResponse {
  const tone = issueState === 'Open' ? 'WARNING' : issueState === 'Closed' ? 'SUCCESS' : 'INFO';
  return {
    results: [
      {
        objectId: 245,
        title: 'API-22: APIs working too fast',
        link: `${base}/issues/245`,
        priority: 'HIGH',
        properties: [
          { label: 'Resolution impact', dataType: 'CURRENCY', value: '1234.5', currencyCode: 'GBP' },
          { label: 'Reported', dataType: 'DATE', value: '2016-09-15' },
          { label: 'Last update', dataType: 'DATETIME', value: '1700000000000' },
          { label: 'Reporter', dataType: 'EMAIL', value: 'maria.johnson@acmerobotics.com' },
          {
            label: 'Tracker',
            dataType: 'LINK',
            value: 'https://tracker.example.com/API-22',
            linkLabel: 'Open in tracker',
          },
          { label: 'Votes', dataType: 'NUMERIC', value: '12345.5' },
          { label: 'State', dataType: 'STATUS', value: issueState, optionType: tone },
          { label: 'Customer visible', dataType: 'BOOLEAN', value: 'true' },
          { label: 'Component', dataType: 'STRING', value: 'API gateway' },
        ],
        actions: [
          {
            type: 'IFRAME',
            width: 640,
            height: 360,
            uri: `${base}/iframe/edit`,
            label: 'Edit',
            associatedObjectProperties: ['email'],
          },
          { type: 'ACTION_HOOK', httpMethod: 'POST', uri: `${base}/hooks/close`, label: 'Close issue' },
          {
            type: 'CONFIRMATION_ACTION_HOOK',
            httpMethod: 'DELETE',
            uri: `${base}/hooks/delete`,
            label: 'Delete',
            confirmationMessage: 'Delete API-22 for good?',
            confirmButtonText: 'Yes, delete it',
            cancelButtonText: 'Keep it',
          },
        ],
      },
      more(base, 1, 'API-23: Docs mention a retired endpoint', 'Triaged'),
      more(base, 2, 'API-24: Webhook retries too eager', 'Triaged'),
      more(base, 3, 'API-25: Rate limit headers missing', 'Backlog'),
      more(base, 4, 'API-26: Pagination cursor expires', 'Backlog'),
    ],
    totalCount: 7,
    allItemsLink: `${base}/issues`,
    itemLabel: 'See more issues',
    primaryAction: {
      type: 'IFRAME',
      width: 640,
      height: 360,
      uri: `${base}/iframe/edit`,
      label: 'Create issue',
    },
    secondaryActions: [
      { type: 'ACTION_HOOK', httpMethod: 'POST', uri: `${base}/hooks/fail`, label: 'Sync with tracker' },
    ],
    settingsAction: {
      type: 'IFRAME',
      width: 640,
      height: 360,
      uri: `${base}/iframe/edit`,
      label: 'Tracker settings',
    },
  };
}

/** A reply that breaks the schema: a CURRENCY without its currencyCode. */
export function brokenCard(): unknown {
  return {
    results: [
      {
        objectId: 1,
        title: 'Invoice 1001',
        properties: [{ label: 'Amount', dataType: 'CURRENCY', value: '12' }],
      },
    ],
  };
}

/** Service text that would run script if it were ever rendered as HTML or followed as a link. */
export function unsafeCard(base: string): LegacyCardResponse {
  return {
    results: [
      {
        objectId: 1,
        title: '<script>window.__pwned = "title"</script>Totally normal issue',
        link: 'javascript:window.__pwned="link"',
        properties: [
          {
            label: '<img src=x onerror="window.__pwned=\'label\'">',
            dataType: 'STRING',
            value: '<img src=x onerror="window.__pwned=\'value\'">',
          },
          {
            label: 'Docs',
            dataType: 'LINK',
            value: 'javascript:window.__pwned="property link"',
            linkLabel: '<b>Read the docs</b>',
          },
        ],
        actions: [
          {
            type: 'ACTION_HOOK',
            httpMethod: 'POST',
            uri: `${base}/hooks/close`,
            label: '<script>window.__pwned="action"</script>',
          },
        ],
      },
    ],
    totalCount: 1,
  };
}
