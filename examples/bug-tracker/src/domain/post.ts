/** Where a shared report was posted: a project's feed (channel) or a member's (user). */
export type FeedRef =
  | { readonly kind: 'project'; readonly id: number }
  | { readonly kind: 'member'; readonly id: number };

/** A HubSpot report shared into the tracker through Share Via. */
export interface Post {
  readonly id: number;
  readonly feed: FeedRef;
  readonly portalId: number;
  /** The HubSpot user who shared it. */
  readonly senderUserId: number;
  readonly message: string;
  readonly objectId: number;
  /** HubSpot's object type; 2 = report. */
  readonly objectType: number;
  readonly objectName: string;
  readonly screenshotUrl: string | null;
  readonly createdAt: string;
}

/** A post to be written. */
export type NewPost = Omit<Post, 'id' | 'createdAt'>;
