import { type IssueFields, isIssueState, type Member, type Project } from '../domain/issue.ts';
import { supportedCurrencies } from '../domain/portal-settings.ts';
import { trackerLimits } from '../tracker-limits.ts';

/** The inputs of the issue form, by `name`. */
export const issueFormFields = [
  'projectId',
  'title',
  'description',
  'state',
  'revenue',
  'currency',
  'dueDate',
  'assigneeId',
  'votes',
  'reporterEmail',
] as const;
export type IssueFormField = (typeof issueFormFields)[number];

/** What was wrong with each field, for the form to show beside it. */
export type IssueFormErrors = Partial<Record<IssueFormField, string>>;

/** The outcome of reading the form: fields to save, or the problems to show. */
export type IssueFormResult =
  | { readonly ok: true; readonly fields: IssueFields }
  | { readonly ok: false; readonly errors: IssueFormErrors };

/** The choices the form offers, against which the posted values are checked. */
export interface IssueFormChoices {
  readonly projects: readonly Pick<Project, 'id'>[];
  readonly members: readonly Pick<Member, 'id'>[];
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks a posted issue form and turns it into {@link IssueFields}. Amounts become cents. */
export function parseIssueForm(form: URLSearchParams, choices: IssueFormChoices): IssueFormResult {
  const errors: IssueFormErrors = {};
  const text = (name: IssueFormField) => (form.get(name) ?? '').trim();

  const projectId = Number(text('projectId'));
  if (!choices.projects.some((project) => project.id === projectId)) errors.projectId = 'Pick a project.';

  const title = text('title');
  if (title === '') errors.title = 'A title is required.';
  else if (title.length > trackerLimits.maxTitleLength)
    errors.title = `At most ${trackerLimits.maxTitleLength} characters.`;

  const description = text('description');
  if (description.length > trackerLimits.maxDescriptionLength)
    errors.description = `At most ${trackerLimits.maxDescriptionLength} characters.`;

  const state = text('state') || 'open';
  if (!isIssueState(state)) errors.state = 'Pick a state.';

  let revenueCents = 0;
  const revenue = text('revenue').replaceAll(',', '');
  if (revenue !== '') {
    if (!/^\d+(\.\d{1,2})?$/.test(revenue)) errors.revenue = 'An amount such as 1200 or 1200.50.';
    else {
      revenueCents = Math.round(Number(revenue) * 100);
      if (revenueCents > trackerLimits.maxRevenueCents) errors.revenue = 'That amount is too large.';
    }
  }

  const currency = text('currency') || 'USD';
  if (!(supportedCurrencies as readonly string[]).includes(currency)) errors.currency = 'Pick a currency.';

  const dueDate = text('dueDate');
  if (dueDate !== '' && !isRealDate(dueDate)) errors.dueDate = 'A date as yyyy-mm-dd.';

  const assignee = text('assigneeId');
  const assigneeId = assignee === '' ? null : Number(assignee);
  if (assigneeId !== null && !choices.members.some((member) => member.id === assigneeId))
    errors.assigneeId = 'Pick a member, or nobody.';

  const votesText = text('votes') || '0';
  const votes = Number(votesText);
  if (!/^\d{1,7}$/.test(votesText) || votes > trackerLimits.maxVotes)
    errors.votes = 'A whole number of votes.';

  const reporterEmail = text('reporterEmail');
  if (reporterEmail !== '' && !/^[^\s@]+@[^\s@]+$/.test(reporterEmail))
    errors.reporterEmail = 'An email address.';

  if (Object.keys(errors).length > 0 || !isIssueState(state)) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      projectId,
      title,
      description,
      state,
      revenueCents,
      currency,
      dueDate: dueDate === '' ? null : dueDate,
      assigneeId,
      votes,
      reporterEmail: reporterEmail === '' ? null : reporterEmail,
    },
  };
}
