import type { Issue } from '../../domain/issue.ts';
import { issueKey } from '../../domain/issue.ts';
import type { Post } from '../../domain/post.ts';
import type { TrackerUrls } from '../../hubspot/tracker-urls.ts';
import { formatTime, stateBadge } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

/** What a project's or member's page shows. */
export interface FeedPage {
  readonly urls: TrackerUrls;
  readonly heading: string;
  readonly subheading: string;
  /** Reports shared here through HubSpot's Share Via, newest first. */
  readonly posts: readonly Post[];
  /** The project's (or the member's assigned) issues that are not closed. */
  readonly issues: readonly Issue[];
}

/** A project or a member: its open issues and the feed of reports shared to it from HubSpot. */
export function feedPage(page: FeedPage): SafeHtml {
  const { urls } = page;
  const body = html`<h1>${page.heading}</h1>
  <p class="muted">${page.subheading}</p>
  <h2>Shared reports</h2>
  ${
    page.posts.length === 0
      ? html`<p class="muted">Nothing shared here yet. In HubSpot: Reports → a report → Actions → Share via → Bug Tracker.</p>`
      : page.posts.map(
          (post) => html`<article class="card post" id="post-${post.id}" data-post="${post.id}">
        <strong>${post.objectName}</strong>
        <span class="muted"> · report ${post.objectId} · shared by HubSpot user ${post.senderUserId} of portal ${post.portalId} · ${formatTime(post.createdAt)}</span>
        ${post.message === '' ? '' : html`<p>${post.message}</p>`}
        ${post.screenshotUrl === null ? '' : html`<div><a href="${post.screenshotUrl}" target="_blank" rel="noopener">Screenshot</a></div>`}
      </article>`,
        )
  }
  <h2>Open issues</h2>
  ${
    page.issues.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<ul>${page.issues.map(
          (issue) =>
            html`<li><a href="${urls.issue(issue.id)}">${issueKey(issue)}</a> ${issue.title} ${stateBadge(issue.state)}</li>`,
        )}</ul>`
  }`;
  return layout({ title: page.heading, body, base: urls.base });
}
