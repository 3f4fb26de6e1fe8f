import type { FeedRef } from '../domain/post.ts';

/** Share Via recipient types: 0 = channel (a project), 1 = user (a member). docs/protocol.md §3. */
export const recipientTypeOf = { project: 0, member: 1 } as const satisfies Record<FeedRef['kind'], number>;

/** The recipient id the tracker hands HubSpot for a feed: `project-3`, `member-7`. */
export function recipientId(feed: FeedRef): string {
  return `${feed.kind}-${feed.id}`;
}

/** The feed a recipient id names, or null when it is not one of the tracker's ids. */
export function parseRecipientId(id: string): FeedRef | null {
  const match = /^(project|member)-(\d{1,15})$/.exec(id);
  if (!match?.[2]) return null;
  return { kind: match[1] === 'project' ? 'project' : 'member', id: Number(match[2]) };
}
