/** An issue's life: open → in progress / blocked → closed. */
export const issueStates = ['open', 'in_progress', 'blocked', 'closed'] as const;
export type IssueState = (typeof issueStates)[number];

/** How each state is written for people. */
export const issueStateLabels: Readonly<Record<IssueState, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  closed: 'Closed',
};

/** True for a known state name. */
export function isIssueState(value: string): value is IssueState {
  return (issueStates as readonly string[]).includes(value);
}

/** A CRM record an issue is attached to, as HubSpot names it on a data fetch. */
export interface RecordRef {
  readonly portalId: number;
  /** `CONTACT`, `COMPANY`, `TICKET`… (`associatedObjectType`). */
  readonly objectType: string;
  /** `associatedObjectId`, kept as text: HubSpot ids outgrow 32 bits. */
  readonly objectId: string;
}

/** A team member: an assignee, and a Share Via user recipient. */
export interface Member {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

/** A project: where issues live, and a Share Via channel recipient. */
export interface Project {
  readonly id: number;
  readonly key: string;
  readonly name: string;
}

/** An issue as the tracker shows it. */
export interface Issue {
  readonly id: number;
  readonly project: Project;
  readonly title: string;
  readonly description: string;
  readonly state: IssueState;
  /** Revenue at risk in whole cents of `currency`. */
  readonly revenueCents: number;
  /** ISO 4217 code. */
  readonly currency: string;
  /** `yyyy-mm-dd`, or null. */
  readonly dueDate: string | null;
  readonly assignee: Member | null;
  /** Customers who asked for it. */
  readonly votes: number;
  /** Who reported it, when known. */
  readonly reporterEmail: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
}

/** The fields a person sets on an issue (the New and Edit forms). */
export interface IssueFields {
  readonly projectId: number;
  readonly title: string;
  readonly description: string;
  readonly state: IssueState;
  readonly revenueCents: number;
  readonly currency: string;
  readonly dueDate: string | null;
  readonly assigneeId: number | null;
  readonly votes: number;
  readonly reporterEmail: string | null;
}

/** The tracker's display key of an issue, e.g. `BUG-12`. */
export function issueKey(issue: Pick<Issue, 'id'>): string {
  return `BUG-${issue.id}`;
}
