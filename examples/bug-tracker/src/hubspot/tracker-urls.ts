import type { RecordRef } from '../domain/issue.ts';
import type { FeedRef } from '../domain/post.ts';
import type { LinkSigner } from '../web/link-signer.ts';

/** Every URL the tracker hands out, built on one public base URL. */
export interface TrackerUrls {
  readonly base: string;
  issues(filter?: { record?: RecordRef; state?: string; page?: number }): string;
  issue(id: number): string;
  feed(feed: FeedRef, postId?: number): string;
  /** The signed IFRAME page that files a new issue on `record`. */
  newIssueFrame(record: RecordRef, userEmail: string): string;
  /** The signed IFRAME page that edits an issue of `portalId`. */
  editIssueFrame(issueId: number, portalId: number): string;
  /** The signed IFRAME settings page of `portalId`. */
  settingsFrame(portalId: number): string;
  closeIssueHook(issueId: number): string;
  deleteIssueHook(issueId: number): string;
}

/** The paths the tracker serves (HubSpot-facing and pages), in one place. */
export const trackerPaths = {
  card: '/hubspot/card',
  closeIssue: '/hubspot/actions/close-issue',
  deleteIssue: '/hubspot/actions/delete-issue',
  shareVia: '/hubspot/share-via',
  channelConnection: '/hubspot/channel-connection',
  newIssueFrame: '/hubspot/iframe/new-issue',
  editIssueFrame: '/hubspot/iframe/edit-issue',
  settingsFrame: '/hubspot/iframe/settings',
  issues: '/issues',
  projects: '/projects',
  members: '/members',
  health: '/health',
  oauthInstall: '/oauth/install',
  oauthCallback: '/oauth/callback',
} as const;

function withQuery(url: string, query: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${url}?${search}` : url;
}

/** The fields a signed link carries for a record (also what the token covers). */
export function recordLinkFields(record: RecordRef, userEmail: string): Record<string, string> {
  return {
    portalId: String(record.portalId),
    objectType: record.objectType,
    objectId: record.objectId,
    userEmail,
  };
}

/** Builds the tracker's URLs on `base`, signing IFRAME links with `links`. */
export function createTrackerUrls(base: string, links: LinkSigner): TrackerUrls {
  const signed = (path: string, purpose: Parameters<LinkSigner['sign']>[0], fields: Record<string, string>) =>
    withQuery(`${base}${path}`, { ...fields, token: links.sign(purpose, fields) });
  return {
    base,
    issues(filter = {}) {
      const query: Record<string, string> = {};
      if (filter.record) {
        query.portalId = String(filter.record.portalId);
        query.objectType = filter.record.objectType;
        query.objectId = filter.record.objectId;
      }
      if (filter.state !== undefined) query.state = filter.state;
      if (filter.page !== undefined && filter.page > 1) query.page = String(filter.page);
      return withQuery(`${base}${trackerPaths.issues}`, query);
    },
    issue: (id) => `${base}${trackerPaths.issues}/${id}`,
    feed: (feed, postId) =>
      `${base}${feed.kind === 'project' ? trackerPaths.projects : trackerPaths.members}/${feed.id}${
        postId === undefined ? '' : `#post-${postId}`
      }`,
    newIssueFrame: (record, userEmail) =>
      signed(trackerPaths.newIssueFrame, 'new-issue', recordLinkFields(record, userEmail)),
    editIssueFrame: (issueId, portalId) =>
      signed(trackerPaths.editIssueFrame, 'edit-issue', {
        issueId: String(issueId),
        portalId: String(portalId),
      }),
    settingsFrame: (portalId) =>
      signed(trackerPaths.settingsFrame, 'settings', { portalId: String(portalId) }),
    closeIssueHook: (issueId) => withQuery(`${base}${trackerPaths.closeIssue}`, { issueId: String(issueId) }),
    deleteIssueHook: (issueId) =>
      withQuery(`${base}${trackerPaths.deleteIssue}`, { issueId: String(issueId) }),
  };
}
