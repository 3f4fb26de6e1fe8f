/**
 * The example's numbers, each with its reason. HubSpot's own numbers live in
 * `@spoke/protocol`'s `limits`; the one the card needs is repeated here (see `maxCardItems`)
 * because the example imports `@spoke/framework` only.
 */
export const trackerLimits = {
  /** A data-fetch reply carries at most five items (HubSpot's rule; docs/protocol.md §2.3, `limits.maxCardResults`). */
  maxCardItems: 5,
  /** Issues per page of the tracker's own issue list. */
  issuesPerPage: 25,
  /** Posts shown on a project or member feed. */
  postsPerFeed: 50,
  /** Share Via recipients per page when HubSpot sends no `limit`. */
  defaultRecipientPage: 10,
  /** Largest Share Via page the tracker answers, whatever `limit` asks for. */
  maxRecipientPage: 100,
  /** How long a signed IFRAME link (New / Edit / Settings) stays usable: a form left open an hour still saves. */
  linkTokenTtlMs: 3_600_000,
  /** Longest issue title. */
  maxTitleLength: 200,
  /** Longest issue description. */
  maxDescriptionLength: 5_000,
  /** Largest revenue at risk, in cents (a typo guard: 10 billion). */
  maxRevenueCents: 1_000_000_000_000,
  /** Most votes an issue can have (a typo guard). */
  maxVotes: 1_000_000,
  /** Largest form body the pages accept, bytes. */
  maxFormBytes: 65_536,
  /** How long an install may take between /oauth/install and /oauth/callback (consent included). */
  oauthStateTtlMs: 600_000,
  /** An access token is refreshed before use when less than this is left (HubSpot's live 30 minutes). */
  tokenRefreshMarginMs: 300_000,
  /**
   * How long an action or form waits for the open_issues write-back before it answers anyway (the
   * write goes on in the background and its outcome is logged): HubSpot waits a few seconds for an
   * action hook's reply, and a slow HubSpot must not fail the action.
   */
  writeBackWaitMs: 2_000,
} as const;
