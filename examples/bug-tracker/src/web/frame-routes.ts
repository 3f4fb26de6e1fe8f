import { type Issue, issueKey, type RecordRef } from '../domain/issue.ts';
import { supportedCurrencies } from '../domain/portal-settings.ts';
import { BugTrackerError } from '../errors.ts';
import { recordLinkFields, trackerPaths } from '../hubspot/tracker-urls.ts';
import { moneyInput } from './format.ts';
import { htmlResponse } from './layout.ts';
import type { PageRequest, PageRoute } from './page-route.ts';
import { frameDonePage } from './pages/frame-done-page.ts';
import { issueFormPage } from './pages/issue-form-page.ts';
import { settingsPage } from './pages/settings-page.ts';
import { type IssueFormField, issueFormFields, parseIssueForm } from './parse-issue-form.ts';
import { positiveInt } from './query-record.ts';
import { readForm } from './read-form.ts';
import { signedFields } from './signed-fields.ts';

const recordFieldNames = ['portalId', 'objectType', 'objectId', 'userEmail'] as const;

/** The link's fields (query on GET, hidden inputs on POST) and, on POST, the whole form. */
async function input(page: PageRequest): Promise<{ source: URLSearchParams; posted: boolean }> {
  if (page.request.method === 'POST') return { source: await readForm(page.request), posted: true };
  return { source: page.url.searchParams, posted: false };
}

function issueValues(issue: Issue): Record<IssueFormField, string> {
  return {
    projectId: String(issue.project.id),
    title: issue.title,
    description: issue.description,
    state: issue.state,
    revenue: moneyInput(issue.revenueCents),
    currency: issue.currency,
    dueDate: issue.dueDate ?? '',
    assigneeId: issue.assignee === null ? '' : String(issue.assignee.id),
    votes: String(issue.votes),
    reporterEmail: issue.reporterEmail ?? '',
  };
}

function formValues(form: URLSearchParams): Partial<Record<IssueFormField, string>> {
  return Object.fromEntries(issueFormFields.map((name) => [name, form.get(name) ?? '']));
}

async function newIssue(page: PageRequest): Promise<Response> {
  const { tracker, urls } = page;
  const { source, posted } = await input(page);
  const fields = signedFields(tracker.links, 'new-issue', source, recordFieldNames);
  const record: RecordRef = {
    portalId: Number(fields.portalId),
    objectType: fields.objectType,
    objectId: fields.objectId,
  };
  const [projects, members, settings] = await Promise.all([
    tracker.store.team.projects(),
    tracker.store.team.members(),
    tracker.store.settings.get(record.portalId),
  ]);
  const form = {
    base: urls.base,
    heading: 'New issue',
    action: `${urls.base}${trackerPaths.newIssueFrame}`,
    hidden: { ...recordLinkFields(record, fields.userEmail), token: source.get('token') ?? '' },
    projects,
    members,
    submitLabel: 'Create issue',
    note: `Filed on HubSpot ${record.objectType.toLowerCase()} ${record.objectId} by ${fields.userEmail || 'a HubSpot user'}.`,
  };
  if (!posted) {
    const defaultProject = projects.find((p) => p.id === settings.defaultProjectId) ?? projects[0];
    return htmlResponse(
      issueFormPage({
        ...form,
        values: {
          projectId: defaultProject === undefined ? '' : String(defaultProject.id),
          state: 'open',
          currency: settings.currency,
          votes: '0',
          // HubSpot appends the card's associatedObjectProperties (the contact's email) to the URL.
          reporterEmail: source.get('email') ?? '',
        },
        errors: {},
      }),
    );
  }
  const parsed = parseIssueForm(source, { projects, members });
  if (!parsed.ok)
    return htmlResponse(issueFormPage({ ...form, values: formValues(source), errors: parsed.errors }), 400);
  const issue = await tracker.store.issues.create(parsed.fields, [record]);
  if (issue.state !== 'closed') await tracker.writeBack.afterChange([record]);
  return htmlResponse(
    frameDonePage({
      base: urls.base,
      heading: `${issueKey(issue)} created`,
      message: `${issueKey(issue)} "${issue.title}" is filed in ${issue.project.name}.`,
      link: urls.issue(issue.id),
    }),
    201,
  );
}

async function editIssue(page: PageRequest): Promise<Response> {
  const { tracker, urls } = page;
  const { source, posted } = await input(page);
  const fields = signedFields(tracker.links, 'edit-issue', source, ['issueId', 'portalId'] as const);
  const id = positiveInt(fields.issueId);
  const portalId = Number(fields.portalId);
  const issue = id === null ? null : await tracker.store.issues.get(id, portalId);
  if (id === null || issue === null) {
    throw new BugTrackerError(
      'TRACKER_ISSUE_NOT_FOUND',
      `portal ${portalId} has no issue ${fields.issueId}; it may have been deleted. Close this and refresh the card.`,
    );
  }
  const [projects, members] = await Promise.all([
    tracker.store.team.projects(),
    tracker.store.team.members(),
  ]);
  const form = {
    base: urls.base,
    heading: `Edit ${issueKey(issue)}`,
    action: `${urls.base}${trackerPaths.editIssueFrame}`,
    hidden: { issueId: fields.issueId, portalId: fields.portalId, token: source.get('token') ?? '' },
    projects,
    members,
    submitLabel: 'Save changes',
  };
  if (!posted) return htmlResponse(issueFormPage({ ...form, values: issueValues(issue), errors: {} }));
  const parsed = parseIssueForm(source, { projects, members });
  if (!parsed.ok)
    return htmlResponse(issueFormPage({ ...form, values: formValues(source), errors: parsed.errors }), 400);
  const saved = await tracker.store.issues.update(id, parsed.fields, portalId);
  if (saved === null) {
    throw new BugTrackerError('TRACKER_ISSUE_NOT_FOUND', `issue ${id} was deleted while you edited it.`);
  }
  // Closed or reopened in the form: its contacts' open_issues changes.
  if ((saved.state === 'closed') !== (issue.state === 'closed'))
    await tracker.writeBack.afterChange(await tracker.store.issues.links(saved.id));
  return htmlResponse(
    frameDonePage({
      base: urls.base,
      heading: `${issueKey(saved)} saved`,
      message: `${issueKey(saved)} "${saved.title}" is saved.`,
      link: urls.issue(saved.id),
    }),
  );
}

async function settings(page: PageRequest): Promise<Response> {
  const { tracker, urls } = page;
  const { source, posted } = await input(page);
  const fields = signedFields(tracker.links, 'settings', source, ['portalId'] as const);
  const portalId = Number(fields.portalId);
  const [projects, current] = await Promise.all([
    tracker.store.team.projects(),
    tracker.store.settings.get(portalId),
  ]);
  const view = {
    base: urls.base,
    action: `${urls.base}${trackerPaths.settingsFrame}`,
    hidden: { portalId: fields.portalId, token: source.get('token') ?? '' },
    projects,
  };
  if (!posted) return htmlResponse(settingsPage({ ...view, settings: current }));
  const projectText = source.get('defaultProjectId') ?? '';
  const defaultProjectId = projectText === '' ? null : positiveInt(projectText);
  const currency = source.get('currency') ?? '';
  const knownProject = defaultProjectId === null || projects.some((p) => p.id === defaultProjectId);
  const knownCurrency = (supportedCurrencies as readonly string[]).includes(currency);
  if ((projectText !== '' && defaultProjectId === null) || !knownProject || !knownCurrency) {
    return htmlResponse(
      settingsPage({
        ...view,
        settings: current,
        error: knownCurrency ? 'Pick a project from the list.' : 'Pick a currency from the list.',
      }),
      400,
    );
  }
  await tracker.store.settings.save({ portalId, defaultProjectId, currency });
  return htmlResponse(
    frameDonePage({
      base: urls.base,
      heading: 'Settings saved',
      message: `Portal ${portalId}: new issues use ${currency}.`,
    }),
  );
}

const getOrPost = ['GET', 'HEAD', 'POST'] as const;
const path = (p: string) => new RegExp(`^${p}$`);

/** The pages HubSpot opens in its IFRAME modal: New issue, Edit issue, Settings. */
export const frameRoutes: readonly PageRoute[] = [
  { methods: getOrPost, pattern: path(trackerPaths.newIssueFrame), frame: true, handle: newIssue },
  { methods: getOrPost, pattern: path(trackerPaths.editIssueFrame), frame: true, handle: editIssue },
  { methods: getOrPost, pattern: path(trackerPaths.settingsFrame), frame: true, handle: settings },
];
