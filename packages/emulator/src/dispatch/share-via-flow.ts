import type { Recipient, RecipientType, ShareViaEvent } from '@spoke/protocol';
import type { DispatchApp, DispatchOptions } from './dispatch-options.ts';
import type { Exchange } from './exchange.ts';
import { fetchAllRecipients } from './recipients-paging.ts';
import type { DispatchPortal } from './record-fields.ts';
import { dispatchShareViaEvent, type ShareViaShape } from './share-via.ts';

/** Object type 2 = report, the only thing Share Via shares. docs/protocol.md §3. */
export const reportObjectType = 2;

/** Options of {@link runShareViaFlow}. */
export interface RunShareViaFlowOptions extends DispatchOptions {
  targetBase: string;
  app: DispatchApp & { name?: string };
  portal: DispatchPortal;
  /** @default 'current' */
  shape?: ShareViaShape;
  /** @default ['upload-file'] */
  requiredPermissions?: string[];
  /** What the sender typed in the recipient search box. */
  recipientsFilter?: { type?: RecipientType; name?: string };
  /** The recipient picked; the first one listed when absent. */
  recipient?: { id: string; type: RecipientType };
  sender: { id: number };
  message?: string;
  /** The report being shared. */
  report: { id: number; name: string; screenshotUrl?: string };
  /** Page size of FETCH_RECIPIENTS. @default limits.shareViaRecipientsPageSize */
  limit?: number;
  /** @default limits.shareViaMaxRecipientPages */
  maxPages?: number;
}

interface StepBase {
  ok: boolean;
  exchanges: Exchange[];
  /** What the sender sees at this step. */
  shows: string;
}

/** One step of the flow and what the platform shows. */
export type ShareViaStep =
  | (StepBase & { event: 'CHECK_PERMISSIONS' })
  | (StepBase & { event: 'FETCH_RECIPIENTS'; recipients: Recipient[] })
  | (StepBase & { event: 'FETCH_RECIPIENT'; recipient: Recipient | null })
  | (StepBase & { event: 'SHARE_OBJECT'; recipientUrl: string | null });

export interface ShareViaFlowResult {
  ok: boolean;
  steps: ShareViaStep[];
  /** Every exchange, in the order sent. */
  exchanges: Exchange[];
  /** The step that stopped the flow. */
  failedAt: ShareViaEvent | null;
}

function failureText(what: string, exchange: Exchange): string {
  const status = exchange.reply ? ` (status ${exchange.reply.status})` : '';
  return `${what} failed${status}: ${exchange.error?.message ?? 'unknown error'}`;
}

function finish(steps: ShareViaStep[]): ShareViaFlowResult {
  const failed = steps.find((step) => !step.ok);
  return {
    ok: failed === undefined,
    steps,
    exchanges: steps.flatMap((step) => step.exchanges),
    failedAt: failed?.event ?? null,
  };
}

/**
 * Plays "Share via" from a report as the platform does: CHECK_PERMISSIONS, FETCH_RECIPIENTS (paged,
 * with the sender's filter), FETCH_RECIPIENT, SHARE_OBJECT. Stops at the first failed step, such as
 * `hasAllRequiredPermissions: false`, and says what the sender would see at each step.
 */
export async function runShareViaFlow(options: RunShareViaFlowOptions): Promise<ShareViaFlowResult> {
  const {
    requiredPermissions = ['upload-file'],
    recipientsFilter,
    limit,
    maxPages,
    recipient: chosen,
    sender,
    message,
    report,
    ...base
  } = options;
  const { app } = base;
  const appName = app.name ?? `app ${app.id}`;
  const steps: ShareViaStep[] = [];

  const check = await dispatchShareViaEvent({
    ...base,
    event: 'CHECK_PERMISSIONS',
    payload: { requiredPermissions },
  });
  const granted = check.reply?.payload.hasAllRequiredPermissions === true;
  steps.push({
    event: 'CHECK_PERMISSIONS',
    ok: granted,
    exchanges: [check.exchange],
    shows: !check.reply
      ? failureText(`Checking ${appName}'s permissions`, check.exchange)
      : granted
        ? `${appName} has the permissions it needs (${requiredPermissions.join(', ')}); choose a recipient.`
        : `${appName} is missing permissions (${requiredPermissions.join(', ')}); the user must reconnect the app before sharing.`,
  });
  if (!granted) return finish(steps);

  const listed = await fetchAllRecipients({
    ...base,
    ...(recipientsFilter === undefined ? {} : { filter: recipientsFilter }),
    ...(limit === undefined ? {} : { limit }),
    ...(maxPages === undefined ? {} : { maxPages }),
  });
  const failedPage = listed.exchanges.find((exchange) => exchange.outcome === 'error');
  const pick = chosen ?? listed.recipients[0];
  const listOk = failedPage === undefined && pick !== undefined;
  const more = listed.complete ? '' : ' (paging stopped early)';
  steps.push({
    event: 'FETCH_RECIPIENTS',
    ok: listOk,
    exchanges: listed.exchanges,
    recipients: listed.recipients,
    shows: failedPage
      ? failureText('Loading recipients', failedPage)
      : listed.recipients.length === 0
        ? `No recipients found${chosen ? '; using the recipient given' : ''}.`
        : `${listed.recipients.length} recipient(s) to choose from${more}: ${listed.recipients.map((r) => r.name).join(', ')}.`,
  });
  if (failedPage || pick === undefined) return finish(steps);

  const fetched = await dispatchShareViaEvent({
    ...base,
    event: 'FETCH_RECIPIENT',
    payload: { id: pick.id, type: pick.type },
  });
  const recipient = fetched.reply?.payload.recipient ?? null;
  steps.push({
    event: 'FETCH_RECIPIENT',
    ok: recipient !== null,
    exchanges: [fetched.exchange],
    recipient,
    shows: recipient
      ? `Sharing with ${recipient.name} (${recipient.type === 0 ? 'channel' : 'user'}).`
      : failureText(`Loading recipient ${pick.id}`, fetched.exchange),
  });
  if (!recipient) return finish(steps);

  const objectMetadata: { id: number; type: number; name: string; screenshotUrl?: string } = {
    id: report.id,
    type: reportObjectType,
    name: report.name,
  };
  if (report.screenshotUrl !== undefined) objectMetadata.screenshotUrl = report.screenshotUrl;
  const sent = await dispatchShareViaEvent({
    ...base,
    event: 'SHARE_OBJECT',
    payload: {
      sender: sender,
      recipient,
      ...(message === undefined ? {} : { message }),
      objectMetadata,
    },
  });
  const recipientUrl = sent.reply?.payload.recipientUrl ?? null;
  steps.push({
    event: 'SHARE_OBJECT',
    ok: sent.reply !== null,
    exchanges: [sent.exchange],
    recipientUrl,
    shows: sent.reply
      ? `Shared "${report.name}" with ${recipient.name}${recipientUrl ? `; open it at ${recipientUrl}` : ''}.`
      : failureText(`Sharing with ${recipient.name}`, sent.exchange),
  });
  return finish(steps);
}
