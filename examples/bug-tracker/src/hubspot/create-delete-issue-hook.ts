import type { ActionHookHandler } from '@spoke/framework';
import { issueKey } from '../domain/issue.ts';
import { BugTrackerError } from '../errors.ts';
import { errorReply } from './error-reply.ts';
import { issueIdOf } from './issue-hook-target.ts';
import type { TrackerContext } from './tracker-context.ts';

/**
 * CONFIRMATION_ACTION_HOOK "Delete issue": deletes an issue of the calling portal and its record
 * links; an open one lowers its contacts' `open_issues` in HubSpot.
 */
export function createDeleteIssueHook(tracker: TrackerContext): ActionHookHandler {
  return async (input) => {
    const id = issueIdOf(input);
    // Read before the links go with the issue: whose open_issues to write back.
    const links = id === null ? [] : await tracker.store.issues.links(id);
    const deleted = id === null ? null : await tracker.store.issues.delete(id, input.portalId);
    if (deleted === null) {
      const error = new BugTrackerError(
        'TRACKER_ISSUE_NOT_FOUND',
        `portal ${input.portalId} has no issue ${input.properties.issueId ?? '(no issueId in the action URI)'}; it may have been deleted already. Refresh the card.`,
      );
      return errorReply(error);
    }
    if (deleted.state !== 'closed') await tracker.writeBack.afterChange(links);
    return { message: `${issueKey(deleted)} deleted.` };
  };
}
