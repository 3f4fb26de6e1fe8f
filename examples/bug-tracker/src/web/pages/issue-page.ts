import { type Issue, issueKey, type RecordRef } from '../../domain/issue.ts';
import type { TrackerUrls } from '../../hubspot/tracker-urls.ts';
import { formatMoney, formatTime, stateBadge } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

/** One issue with everything the tracker knows about it. */
export function issuePage(options: {
  urls: TrackerUrls;
  issue: Issue;
  links: readonly RecordRef[];
}): SafeHtml {
  const { urls, issue } = options;
  const key = issueKey(issue);
  const body = html`<h1>${key}: ${issue.title}</h1>
  <div class="card">
    <dl>
      <dt>State</dt><dd>${stateBadge(issue.state)}</dd>
      <dt>Project</dt><dd><a href="${urls.feed({ kind: 'project', id: issue.project.id })}">${issue.project.name}</a> (${issue.project.key})</dd>
      <dt>Revenue at risk</dt><dd>${formatMoney(issue.revenueCents, issue.currency)}</dd>
      <dt>Due</dt><dd>${issue.dueDate ?? '—'}</dd>
      <dt>Assignee</dt><dd>${
        issue.assignee
          ? html`<a href="${urls.feed({ kind: 'member', id: issue.assignee.id })}">${issue.assignee.name}</a> &lt;<a href="mailto:${issue.assignee.email}">${issue.assignee.email}</a>&gt;`
          : '—'
      }</dd>
      <dt>Votes</dt><dd>${issue.votes}</dd>
      <dt>Reporter</dt><dd>${issue.reporterEmail ?? '—'}</dd>
      <dt>Created</dt><dd>${formatTime(issue.createdAt)}</dd>
      <dt>Updated</dt><dd>${formatTime(issue.updatedAt)}</dd>
      ${issue.closedAt === null ? '' : html`<dt>Closed</dt><dd>${formatTime(issue.closedAt)}</dd>`}
    </dl>
  </div>
  <h2>Description</h2>
  <div class="card">${issue.description === '' ? html`<span class="muted">No description.</span>` : issue.description}</div>
  <h2>HubSpot records</h2>
  ${
    options.links.length === 0
      ? html`<p class="muted">Not attached to any record.</p>`
      : html`<ul>${options.links.map(
          (link) =>
            html`<li><a href="${urls.issues({ record: link, state: 'all' })}">${link.objectType.toLowerCase()} ${link.objectId}</a> in portal ${link.portalId}</li>`,
        )}</ul>`
  }`;
  return layout({ title: key, body, base: urls.base });
}
