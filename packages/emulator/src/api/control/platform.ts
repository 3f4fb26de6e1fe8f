import {
  type PlatformMode,
  type Recipient,
  type RenderedAction,
  type RenderedCard,
  type RenderedItem,
  recipientTypeSchema,
  type ShareViaEvent,
} from '@spoke/protocol';
import { z } from 'zod';
import type { PickerNumber } from '../../dispatch/channel-connection.ts';
import type { Exchange, ExchangeError } from '../../dispatch/exchange.ts';
import type { ProviderVisibility } from '../../dispatch/provider-visibility.ts';
import type { ShareViaStep } from '../../dispatch/share-via-flow.ts';
import type { InstallRefusal } from '../../flows/installed.ts';
import {
  type App,
  type ConnectedNumber,
  type CrmRecord,
  type Share,
  type ShareSend,
  sharedObjectSchema,
  shareFrequencySchema,
} from '../../store/entities.ts';

/** One card on a record page, as `POST /_spoke/records/{type}/{id}/cards` returns it. */
export interface CardView {
  appId: number;
  cardId: string;
  /** As the record page shows it: legacy mode adds the count, e.g. `Issues (5)`. docs/protocol.md §2.4. */
  title: string;
  status: 'ok' | 'error';
  items: RenderedItem[];
  totalCount: number;
  /** The whole render model (see-more link, top-level actions), null on error. */
  card: RenderedCard | null;
  /**
   * What the "See more" link reads: the reply's `itemLabel`, else "See more <card title>" (HubSpot
   * defaults the label to the card title). docs/protocol.md §2.3.
   */
  seeMoreLabel: string;
  /** The exchange's error: code and message, and for an error status the status, reason, URL and hint. */
  error: ExchangeError | null;
  /** The logged request behind the card. */
  requestId: string | null;
  /**
   * The platform that shows the card: `legacy` CRM cards or HubSpot's card `converter`, whose texts,
   * STATUS and "View More" the record page then draws. docs/migration.md.
   */
  mode: PlatformMode;
  /**
   * Converter mode, when the converter refuses the card definition: the lines it lists under
   * "Configuration Issues Detected", in its words (nothing was fetched). docs/migration.md.
   */
  configurationIssues?: string[];
}

export interface OpenRecordResult {
  record: CrmRecord;
  cards: CardView[];
  exchanges: Exchange[];
  /** Who the page is shown to (the `userId`/`userEmail` of the calls); the page formats in `locale`. */
  user: { id: number; email: string; locale: string };
  /** The portal the page belongs to; HubSpot's card converter formats DATETIME in its `timeZone`. */
  portal: { id: number; timeZone: string };
  /** Apps with cards for this object type that the portal does not show: not installed, or without its scopes. */
  notInstalled: InstallRefusal[];
}

export interface RunActionInput {
  record: CrmRecord;
  appId: number;
  cardId: string;
  action: RenderedAction;
  userId?: number;
}

/** What the platform shows after an action: a toast, an iframe modal, or an error. */
export interface ActionResult {
  type: RenderedAction['type'];
  status: 'ok' | 'error';
  /**
   * The toast text (`<label> succeeded.`, the reply's `message`, `Error: Action failed with status N`…);
   * for an opened IFRAME, which `associatedObjectProperties` were not sent ('' when all were).
   */
  message: string;
  /** IFRAME actions: the modal to open (not signed). */
  iframe: { url: string; width: number; height: number } | null;
  exchange: Exchange | null;
}

/** One Share Via event: what came back, judged. */
export interface ShareViaEventResult {
  event: ShareViaEvent;
  status: 'ok' | 'error';
  /** The validated reply (`{portalId, appId, eventType, payload}`), null when it failed. */
  reply: unknown;
  error: { code: string; message: string } | null;
  exchanges: Exchange[];
}

/** Body of `POST /_spoke/apps/{appId}/share-via/flow`: the choices a sender makes. docs/protocol.md §3. */
export const shareViaFlowInputSchema = z.object({
  recipientsFilter: z
    .object({ type: recipientTypeSchema.optional(), name: z.string().optional() })
    .optional(),
  /** Page size of FETCH_RECIPIENTS. */
  limit: z.number().int().positive().max(100).optional(),
  /** Pick this recipient; the first one listed otherwise. */
  recipient: z.object({ id: z.string().min(1), type: recipientTypeSchema }).optional(),
  message: z.string().optional(),
  frequency: shareFrequencySchema.default('now'),
  /** Overrides the frequency's schedule (cron, optional seconds field), for tests and demos. */
  cron: z.string().min(1).optional(),
  objectMetadata: sharedObjectSchema.optional(),
  senderId: z.number().int().positive().optional(),
});
export type ShareViaFlowInput = z.output<typeof shareViaFlowInputSchema>;

/** The whole Share Via flow: each step with what the sender sees, and the share it stored. */
export interface ShareViaFlowResult {
  status: 'ok' | 'error';
  steps: ShareViaStep[];
  /** The step that stopped the flow. */
  failedAt: ShareViaEvent | null;
  recipients: Recipient[];
  recipient: Recipient | null;
  share: Share | null;
  send: ShareSend | null;
  exchanges: Exchange[];
}

/** What the help-desk "connect a number" picker shows for one calling app. docs/protocol.md §4.2. */
export interface NumbersResult {
  status: 'ok' | 'error';
  /** How the app appears in the provider picker (greyed out while `isReady` is false). */
  provider: { appId: number; name: string; isReady: boolean; visibility: ProviderVisibility };
  numbers: PickerNumber[];
  error: { code: string; message: string } | null;
  exchanges: Exchange[];
}

/**
 * The platform side of the emulator, as the control API drives it: it sends the signed calls
 * through src/dispatch, logs every exchange, and keeps Share Via schedules. `createPlatform`
 * in src/flows implements it.
 */
export interface Platform {
  mode(): Promise<PlatformMode>;
  setMode(mode: PlatformMode): Promise<void>;
  openRecord(record: CrmRecord, options: { appId?: number; userId?: number }): Promise<OpenRecordResult>;
  runAction(input: RunActionInput): Promise<ActionResult>;
  shareViaEvent(
    app: App,
    event: ShareViaEvent,
    payload: Record<string, unknown>,
  ): Promise<ShareViaEventResult>;
  shareViaFlow(app: App, input: ShareViaFlowInput): Promise<ShareViaFlowResult>;
  /** Sends SHARE_OBJECT for a stored share now and records the send. */
  sendShare(shareId: string, trigger: ShareSend['trigger']): Promise<ShareSend>;
  /** Arms (or re-arms) the schedule of a recurring share, disarms a paused one; stores `nextRunAt`. */
  scheduleShare(share: Share): Promise<Share>;
  unscheduleShare(shareId: string): void;
  channelConnectionNumbers(
    app: App,
    options: { userId?: number; override?: boolean },
  ): Promise<NumbersResult>;
  /** Asks the service for its numbers again and records the chosen one as connected. */
  connectNumber(
    app: App,
    input: { e164PhoneNumber: string; userId?: number; override?: boolean },
  ): Promise<ConnectedNumber>;
  /** Re-sends a logged request, re-signed now (`fresh`) or with its original timestamp. */
  replay(exchange: Exchange, timestamp: 'fresh' | 'original'): Promise<Exchange>;
  /** Arms every active recurring share in the store (at start and after an import). */
  startSchedules(): Promise<void>;
  stopSchedules(): Promise<void>;
}
