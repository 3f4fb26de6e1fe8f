import { action, type CrmCardHandler, property } from '@spoke/framework';
import { type Issue, type IssueState, issueKey, issueStateLabels } from '../domain/issue.ts';
import type { TrackerUrls } from './tracker-urls.ts';

type CardReply = Exclude<Awaited<ReturnType<CrmCardHandler>>, Response>;
/** One item of the card's `results`. */
export type CardItem = CardReply['results'][number];

/** STATUS colour of each state: DANGER red, WARNING yellow, INFO blue, SUCCESS green. */
const stateColours = {
  open: 'WARNING',
  in_progress: 'INFO',
  blocked: 'DANGER',
  closed: 'SUCCESS',
} as const satisfies Record<IssueState, Parameters<typeof property.status>[2]>;

/** Size of the Edit and New issue modals, px. */
export const issueFrameSize = { width: 640, height: 720 } as const;

/**
 * One issue as a card item: its key and title linking to the tracker, six typed properties
 * (STATUS, CURRENCY, DATE, LINK, EMAIL, NUMERIC) and the Edit / Close / Delete actions.
 */
export function issueCardItem(issue: Issue, portalId: number, urls: TrackerUrls): CardItem {
  const key = issueKey(issue);
  return {
    objectId: issue.id,
    title: `${key}: ${issue.title}`,
    link: urls.issue(issue.id),
    // The value of the card's display property `reported_by` (spoke.config.json), shown first.
    ...(issue.reporterEmail === null ? {} : { reported_by: issue.reporterEmail }),
    properties: [
      property.status('State', issueStateLabels[issue.state], stateColours[issue.state]),
      property.currency('Revenue at risk', issue.revenueCents / 100, issue.currency),
      ...(issue.dueDate === null ? [] : [property.date('Due', issue.dueDate)]),
      property.link('Project', urls.feed({ kind: 'project', id: issue.project.id }), issue.project.name),
      ...(issue.assignee === null ? [] : [property.email('Assignee', issue.assignee.email)]),
      property.numeric('Votes', issue.votes),
    ],
    actions: [
      action.iframe({
        label: 'Edit',
        uri: urls.editIssueFrame(issue.id, portalId),
        ...issueFrameSize,
        associatedObjectProperties: [],
      }),
      action.hook({
        label: 'Close issue',
        httpMethod: 'POST',
        uri: urls.closeIssueHook(issue.id),
        associatedObjectProperties: [],
      }),
      action.confirm({
        label: 'Delete issue',
        httpMethod: 'DELETE',
        uri: urls.deleteIssueHook(issue.id),
        associatedObjectProperties: [],
        confirmationMessage: `Delete ${key} "${issue.title}"? This cannot be undone.`,
        confirmButtonText: 'Delete',
        cancelButtonText: 'Keep it',
      }),
    ],
  };
}
