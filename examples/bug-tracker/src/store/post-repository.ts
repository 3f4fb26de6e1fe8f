import type { Database, Row } from '../db/database.ts';
import { intColumn, optionalIntColumn, optionalTextColumn, textColumn } from '../db/row-values.ts';
import type { FeedRef, NewPost, Post } from '../domain/post.ts';

/** Reports shared into project and member feeds. */
export interface PostRepository {
  /** Writes a post on its feed. */
  add(post: NewPost): Promise<Post>;
  /** A feed's posts, newest first. */
  feed(feed: FeedRef, limit: number): Promise<Post[]>;
}

function toPost(row: Row): Post {
  const projectId = optionalIntColumn(row, 'project_id');
  return {
    id: intColumn(row, 'id'),
    feed:
      projectId === null
        ? { kind: 'member', id: intColumn(row, 'member_id') }
        : { kind: 'project', id: projectId },
    portalId: intColumn(row, 'portal_id'),
    senderUserId: intColumn(row, 'sender_user_id'),
    message: textColumn(row, 'message'),
    objectId: intColumn(row, 'object_id'),
    objectType: intColumn(row, 'object_type'),
    objectName: textColumn(row, 'object_name'),
    screenshotUrl: optionalTextColumn(row, 'screenshot_url'),
    createdAt: textColumn(row, 'created_at'),
  };
}

const feedColumn = (feed: FeedRef) => (feed.kind === 'project' ? 'project_id' : 'member_id');

/** Creates the post repository on `db`. */
export function createPostRepository(db: Database, now: () => number): PostRepository {
  return {
    add: (post) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query(
          `INSERT INTO posts (project_id, member_id, portal_id, sender_user_id, message, object_id, object_type,
            object_name, screenshot_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          [
            post.feed.kind === 'project' ? post.feed.id : null,
            post.feed.kind === 'member' ? post.feed.id : null,
            post.portalId,
            post.senderUserId,
            post.message,
            post.objectId,
            post.objectType,
            post.objectName,
            post.screenshotUrl,
            new Date(now()).toISOString(),
          ],
        );
        if (!row) throw new Error('INSERT … RETURNING gave no row');
        return toPost(row);
      }),
    feed: async (feed, limit) =>
      (
        await db.query(
          `SELECT * FROM posts WHERE ${feedColumn(feed)} = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
          [feed.id, limit],
        )
      ).map(toPost),
  };
}
