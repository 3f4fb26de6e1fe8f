import type { Limits } from '@spoke/protocol';

/**
 * The protocol numbers the UI needs. The UI imports other packages as types only, so the values
 * are repeated here and each is typed by `Limits`: if limits.ts changes, this file stops compiling.
 */
export const uiLimits: Pick<
  Limits,
  | 'connectDeadlineMs'
  | 'totalDeadlineMs'
  | 'maxCardResults'
  | 'friendlyNameMaxLength'
  | 'shareViaRecipientsPageSize'
> = {
  connectDeadlineMs: 3_000,
  totalDeadlineMs: 5_000,
  maxCardResults: 5,
  friendlyNameMaxLength: 24,
  shareViaRecipientsPageSize: 10,
};
