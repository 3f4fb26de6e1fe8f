import { type Issue, issueKey, issueStateLabels, issueStates, type RecordRef } from '../../domain/issue.ts';
import type { TrackerUrls } from '../../hubspot/tracker-urls.ts';
import { formatMoney, stateBadge } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

/** What the issue list shows. */
export interface IssuesPage {
  readonly urls: TrackerUrls;
  readonly issues: readonly Issue[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** `active`, `all` or one state. */
  readonly state: string;
  /** Set when the list is a card's "See all": only that record's issues. */
  readonly record?: RecordRef;
}

const objectNames: Readonly<Record<string, string>> = {
  CONTACT: 'contact',
  COMPANY: 'company',
  DEAL: 'deal',
  TICKET: 'ticket',
};

/** The tracker's issue list: filter by state, page through, and (from a card) one record's issues. */
export function issuesPage(page: IssuesPage): SafeHtml {
  const { urls, record } = page;
  const filters = [
    ['active', 'Not closed'],
    ['all', 'All'],
    ...issueStates.map((state) => [state, issueStateLabels[state]] as const),
  ] as const;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (state: string, number = 1) =>
    urls.issues({ ...(record ? { record } : {}), state, page: number });
  const heading = record
    ? `Issues of HubSpot ${objectNames[record.objectType] ?? record.objectType.toLowerCase()} ${record.objectId}`
    : 'Issues';
  const body = html`<h1>${heading}</h1>
  ${record ? html`<p class="muted">Portal ${record.portalId} · <a href="${urls.issues()}">all issues</a></p>` : ''}
  <nav class="filters">${filters.map(([state, label]) =>
    state === page.state ? html`<strong>${label}</strong>` : html`<a href="${link(state)}">${label}</a>`,
  )}</nav>
  <p class="muted" data-total="${page.total}">${page.total} issue${page.total === 1 ? '' : 's'}</p>
  ${
    page.issues.length === 0
      ? html`<p>No issues here.</p>`
      : html`<table>
    <thead><tr><th>Issue</th><th>State</th><th>Project</th><th>Revenue at risk</th><th>Due</th><th>Assignee</th><th>Votes</th></tr></thead>
    <tbody>${page.issues.map(
      (issue) => html`<tr data-issue="${issue.id}">
        <td><a href="${urls.issue(issue.id)}">${issueKey(issue)}</a> ${issue.title}</td>
        <td>${stateBadge(issue.state)}</td>
        <td><a href="${urls.feed({ kind: 'project', id: issue.project.id })}">${issue.project.name}</a></td>
        <td>${formatMoney(issue.revenueCents, issue.currency)}</td>
        <td>${issue.dueDate ?? '—'}</td>
        <td>${issue.assignee ? html`<a href="${urls.feed({ kind: 'member', id: issue.assignee.id })}">${issue.assignee.name}</a>` : '—'}</td>
        <td>${issue.votes}</td>
      </tr>`,
    )}</tbody>
  </table>`
  }
  ${
    pages > 1
      ? html`<nav class="pager">
    ${page.page > 1 ? html`<a href="${link(page.state, page.page - 1)}">← Newer</a>` : ''}
    <span>Page ${page.page} of ${pages}</span>
    ${page.page < pages ? html`<a href="${link(page.state, page.page + 1)}">Older →</a>` : ''}
  </nav>`
      : ''
  }`;
  return layout({ title: heading, body, base: urls.base });
}
