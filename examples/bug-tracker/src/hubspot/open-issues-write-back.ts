import type { Logger } from '@spoke/framework';
import type { RecordRef } from '../domain/issue.ts';
import { errorDocUrl } from '../errors.ts';
import type { TrackerStore } from '../store/tracker-store.ts';
import { trackerLimits } from '../tracker-limits.ts';
import { describeHubSpotFailure, type HubSpotAccount } from './hubspot-account.ts';

/** The contact property the tracker writes: how many of the contact's issues are not closed. */
export const openIssuesProperty = 'open_issues';

/** Writes `open_issues` back to HubSpot's contacts after their issues change. */
export interface OpenIssuesWriteBack {
  /**
   * After issues attached to `records` opened, closed or were deleted (or after an install, for
   * every contact with issues in the portal): sets `open_issues` on each
   * contact among them (`PATCH /crm/v3/objects/contacts/{id}`, with its portal's token) to the
   * number of its issues that are not closed. Companies and tickets are left alone. Waits at most
   * `waitMs`, then resolves while the writes go on; never throws: every failure is logged.
   */
  afterChange(records: readonly RecordRef[]): Promise<void>;
}

/** A write-back that writes nothing: the tracker runs without HubSpot's OAuth settings. */
export const noWriteBack: OpenIssuesWriteBack = { afterChange: async () => {} };

/** Builds the write-back on the store's counts and the account's tokens. */
export function createOpenIssuesWriteBack(options: {
  store: TrackerStore;
  account: HubSpotAccount;
  logger: Logger;
  /** @default trackerLimits.writeBackWaitMs */
  waitMs?: number;
}): OpenIssuesWriteBack {
  const { store, account, logger } = options;
  const waitMs = options.waitMs ?? trackerLimits.writeBackWaitMs;

  async function writeOne(contact: RecordRef): Promise<void> {
    const where = `portal ${contact.portalId}, contact ${contact.objectId}`;
    try {
      const token = await account.accessToken(contact.portalId);
      if (token === null) return;
      // Counted when written: of two writes racing, each sends the count as it stands then.
      const { total } = await store.issues.list({ record: contact, state: 'active' }, { limit: 1 });
      await account.client(token).crm.contacts.basicApi.update(contact.objectId, {
        properties: { [openIssuesProperty]: String(total) },
      });
      logger.debug(`[bug-tracker] ${where}: ${openIssuesProperty} = ${total} written to HubSpot`);
    } catch (error) {
      logger.warn(
        `[bug-tracker] ${where}: could not write ${openIssuesProperty} to HubSpot (${describeHubSpotFailure(error, account.apiUrl)}); the action itself worked, and the next change of the contact's issues writes the count again. See ${errorDocUrl('TRACKER_WRITE_BACK_FAILED')}`,
      );
    }
  }

  return {
    async afterChange(records) {
      const contacts = new Map<string, RecordRef>();
      for (const record of records) {
        if (record.objectType === 'CONTACT') contacts.set(`${record.portalId}:${record.objectId}`, record);
      }
      if (contacts.size === 0) return;
      // One at a time: a first sync after an install may write many, and HubSpot limits the rate.
      const writes = (async () => {
        for (const contact of contacts.values()) await writeOne(contact);
      })();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), waitMs);
      });
      const outcome = await Promise.race([writes.then(() => 'done' as const), late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        logger.warn(
          `[bug-tracker] HubSpot did not answer the ${openIssuesProperty} write-back within ${waitMs} ms; answering now, the write goes on and logs its outcome. See ${errorDocUrl('TRACKER_WRITE_BACK_FAILED')}`,
        );
      }
    },
  };
}
