import { action, type CrmCardHandler } from '@spoke/framework';
import type { RecordRef } from '../domain/issue.ts';
import { trackerLimits } from '../tracker-limits.ts';
import { issueCardItem, issueFrameSize } from './issue-card-item.ts';
import type { TrackerContext } from './tracker-context.ts';

// The record property that names the reporter, sent with "New issue" so the form can prefill it.
const reporterProperty: Readonly<Record<string, string>> = { CONTACT: 'email' };

/**
 * The CRM card on contacts, companies and tickets: the record's open issues, newest first (at
 * most five), their total, a "See all" link to the tracker's list, "New issue" and settings.
 */
export function createCardHandler(tracker: TrackerContext): CrmCardHandler {
  return async (input, ctx) => {
    const record: RecordRef = {
      portalId: input.portalId,
      objectType: input.associatedObjectType,
      objectId: String(input.associatedObjectId),
    };
    const urls = tracker.urlsFor(ctx.request);
    const page = await tracker.store.issues.list({ record }, { limit: trackerLimits.maxCardItems });
    const reporter = reporterProperty[record.objectType];
    return {
      results: page.issues.map((issue) => issueCardItem(issue, record.portalId, urls)),
      totalCount: page.total,
      allItemsLink: urls.issues({ record }),
      itemLabel: 'See all issues',
      primaryAction: action.iframe({
        label: 'New issue',
        uri: urls.newIssueFrame(record, input.userEmail),
        ...issueFrameSize,
        associatedObjectProperties: reporter === undefined ? [] : [reporter],
      }),
      settingsAction: action.iframe({
        label: 'Settings',
        uri: urls.settingsFrame(record.portalId),
        width: 480,
        height: 420,
        associatedObjectProperties: [],
      }),
    };
  };
}
