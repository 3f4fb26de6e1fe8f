import type { ActionHookHandler } from '@spoke/framework';
import { issueKey } from '../domain/issue.ts';
import { BugTrackerError } from '../errors.ts';
import { errorReply } from './error-reply.ts';
import { issueIdOf } from './issue-hook-target.ts';
import type { TrackerContext } from './tracker-context.ts';

/**
 * ACTION_HOOK "Close issue": closes an issue of the calling portal; closing it twice is not an error.
 * Then writes the new `open_issues` of its contacts back to HubSpot (waiting briefly, never failing).
 */
export function createCloseIssueHook(tracker: TrackerContext): ActionHookHandler {
  return async (input) => {
    const id = issueIdOf(input);
    const outcome = id === null ? null : await tracker.store.issues.close(id, input.portalId);
    if (outcome === null || outcome.type === 'not-found') {
      const error = new BugTrackerError(
        'TRACKER_ISSUE_NOT_FOUND',
        `portal ${input.portalId} has no issue ${input.properties.issueId ?? '(no issueId in the action URI)'}; it may have been deleted. Refresh the card.`,
      );
      return errorReply(error);
    }
    const key = issueKey(outcome.issue);
    // The contacts' open_issues drops by one; the record page refetches after this reply.
    if (outcome.type === 'closed')
      await tracker.writeBack.afterChange(await tracker.store.issues.links(outcome.issue.id));
    return { message: outcome.type === 'closed' ? `${key} closed.` : `${key} was already closed.` };
  };
}
