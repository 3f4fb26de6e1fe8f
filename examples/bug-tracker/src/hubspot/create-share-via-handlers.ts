import type { ShareViaHandlers } from '@spoke/framework';
import type { FeedRef } from '../domain/post.ts';
import { BugTrackerError } from '../errors.ts';
import { trackerLimits } from '../tracker-limits.ts';
import { errorReply } from './error-reply.ts';
import { decodeRecipientCursor, encodeRecipientCursor } from './recipient-cursor.ts';
import { parseRecipientId, recipientId, recipientTypeOf } from './recipient-id.ts';
import type { TrackerContext } from './tracker-context.ts';

/** Permissions the tracker holds: it keeps the report's screenshot link with the post. */
const grantedPermissions: readonly string[] = ['upload-file'];

function recipientNotFound(id: string, type: number): Response {
  const error = new BugTrackerError(
    'TRACKER_RECIPIENT_NOT_FOUND',
    `no ${type === recipientTypeOf.project ? 'project' : 'member'} with recipient id ${JSON.stringify(id)}; it may have been removed. Pick the recipient again.`,
  );
  return errorReply(error);
}

/**
 * Share Via: recipients are the tracker's projects (channels, type 0) and members (users,
 * type 1), searched by name and paged with a cursor; SHARE_OBJECT posts the report on the
 * project's or member's feed and answers its URL.
 */
export function createShareViaHandlers(tracker: TrackerContext): ShareViaHandlers {
  // The feed a recipient id names, with its name; null when it is not ours or is gone.
  const feedOf = async (id: string, type: number): Promise<{ feed: FeedRef; name: string } | null> => {
    const feed = parseRecipientId(id);
    if (feed === null || recipientTypeOf[feed.kind] !== type) return null;
    const { team } = tracker.store;
    const found = feed.kind === 'project' ? await team.project(feed.id) : await team.member(feed.id);
    return found === null ? null : { feed, name: found.name };
  };

  return {
    checkPermissions: (input) => ({
      hasAllRequiredPermissions: input.payload.requiredPermissions.every((p) =>
        grantedPermissions.includes(p),
      ),
    }),

    async fetchRecipients(input) {
      const { recipientsFilter, limit, nextPageAfter } = input.payload;
      const offset = nextPageAfter === undefined ? 0 : decodeRecipientCursor(nextPageAfter);
      if (offset === null) {
        const error = new BugTrackerError(
          'TRACKER_CURSOR_INVALID',
          `nextPageAfter ${JSON.stringify(nextPageAfter)} is not a cursor this tracker made; start again without it.`,
        );
        return errorReply(error);
      }
      const pageSize = Math.min(limit ?? trackerLimits.defaultRecipientPage, trackerLimits.maxRecipientPage);
      const type = recipientsFilter?.type;
      const { entries, total } = await tracker.store.team.search({
        ...(type === undefined ? {} : { kind: type === recipientTypeOf.project ? 'project' : 'member' }),
        ...(recipientsFilter?.name === undefined ? {} : { name: recipientsFilter.name }),
        limit: pageSize,
        offset,
      });
      const next = offset + entries.length;
      return {
        recipients: {
          total,
          results: entries.map((entry) => ({
            id: recipientId(entry.feed),
            name: entry.name,
            type: recipientTypeOf[entry.feed.kind],
          })),
          ...(next < total && entries.length > 0 ? { nextPageAfter: encodeRecipientCursor(next) } : {}),
        },
      };
    },

    async fetchRecipient(input) {
      const { id, type } = input.payload;
      const found = await feedOf(id, type);
      if (found === null) return recipientNotFound(id, type);
      return { recipient: { id, name: found.name, type } };
    },

    async shareObject(input, ctx) {
      const { recipient, sender, message, objectMetadata } = input.payload;
      const found = await feedOf(recipient.id, recipient.type);
      // Not delivered: a non-2xx makes HubSpot show the sender the failure (docs/protocol.md §3).
      if (found === null) return recipientNotFound(recipient.id, recipient.type);
      const { feed } = found;
      const post = await tracker.store.posts.add({
        feed,
        portalId: input.portalId,
        senderUserId: sender.id,
        message: message ?? '',
        objectId: objectMetadata.id,
        objectType: objectMetadata.type,
        objectName: objectMetadata.name,
        screenshotUrl: objectMetadata.screenshotUrl ?? null,
      });
      return { recipientUrl: tracker.urlsFor(ctx.request).feed(feed, post.id) };
    },
  };
}
