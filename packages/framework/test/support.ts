import {
  action,
  type Clock,
  type CommonAppOptions,
  createApp,
  type HandlerContext,
  type Logger,
  property,
  type SpokeApp,
} from '@spoke/framework';
import type {
  CheckPermissionsResponse,
  FetchRecipientResponse,
  FetchRecipientsResponse,
  ShareObjectResponse,
  ShareViaEvent,
} from '@spoke/protocol';

/** The secret the test apps and clients share. */
export const secret = 'test-client-secret-0123456789';

/** One log call, as a memory logger keeps it. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  details: Record<string, unknown> | undefined;
}

/** A logger that remembers instead of printing. */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, details?: Record<string, unknown>) => {
    entries.push({ level, message, details });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock that only moves when told; its timers fire as `advance` passes them. */
export function fakeClock(start = 1_700_000_000_000): Required<Clock> & { advance(ms: number): void } {
  let now = start;
  let timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => {
        timers = timers.filter((other) => other !== timer);
      };
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((timer) => timer.at <= now);
      timers = timers.filter((timer) => timer.at > now);
      for (const timer of due) timer.callback();
    },
  };
}

/** Request payload of each Share Via event, as the platform sends it (current shape). */
export const shareViaPayloads = {
  CHECK_PERMISSIONS: { requiredPermissions: ['upload-file'] },
  FETCH_RECIPIENTS: { recipientsFilter: { type: 1, name: 'Rec' }, limit: 5, nextPageAfter: 'cursor' },
  FETCH_RECIPIENT: { id: 'R3', type: 0 },
  SHARE_OBJECT: {
    sender: { id: 2387654 },
    recipient: { id: 'R2', name: 'Recipient Two', type: 1 },
    message: 'Weekly numbers',
    objectMetadata: {
      id: 2334567,
      type: 2,
      name: 'Chat Conversations',
      screenshotUrl: 'https://example.com/s.png',
    },
  },
} as const satisfies Record<ShareViaEvent, unknown>;

/** Reply payload each Share Via handler of the test app gives. */
export const shareViaReplies: {
  CHECK_PERMISSIONS: CheckPermissionsResponse['payload'];
  FETCH_RECIPIENTS: FetchRecipientsResponse['payload'];
  FETCH_RECIPIENT: FetchRecipientResponse['payload'];
  SHARE_OBJECT: ShareObjectResponse['payload'];
} = {
  CHECK_PERMISSIONS: { hasAllRequiredPermissions: true },
  FETCH_RECIPIENTS: { recipients: { total: 2, results: [{ id: 'R2', name: 'Recipient Two', type: 1 }] } },
  FETCH_RECIPIENT: { recipient: { id: 'R3', name: 'Recipient Three', type: 0 } },
  SHARE_OBJECT: { recipientUrl: 'https://chat.example.com/R2/messages/1' },
};

/** What the test app's handlers received, in order. */
export interface Seen {
  route: string;
  input: unknown;
  ctx: HandlerContext;
}

/** Options of {@link buildApp}: createApp options minus the secret (which defaults to {@link secret}). */
export type BuildOptions = CommonAppOptions & { clientSecrets?: readonly string[] };

/**
 * The app every conformance test uses: one route of each kind plus a few misbehaving ones.
 * Handlers record what they received in `seen`.
 */
export function buildApp(options: BuildOptions = {}): {
  app: SpokeApp;
  seen: Seen[];
  logger: ReturnType<typeof memoryLogger>;
  clock: ReturnType<typeof fakeClock>;
} {
  const seen: Seen[] = [];
  const logger = memoryLogger();
  const clock = fakeClock(Date.now());
  const { clientSecrets, ...rest } = options;
  const app = createApp({
    ...(clientSecrets === undefined ? { clientSecret: secret } : { clientSecrets }),
    logger,
    clock,
    development: true,
    ...rest,
  });
  const record = (route: string, input: unknown, ctx: HandlerContext) => seen.push({ route, input, ctx });
  app
    .crmCard('/card', (input, ctx) => {
      record('/card', input, ctx);
      return {
        results: [
          {
            objectId: input.associatedObjectId,
            title: `Orders of ${input.userEmail}`,
            link: null,
            properties: [
              property.currency('Total', '94.34', 'GBP'),
              property.status('State', 'Open', 'SUCCESS'),
            ],
            actions: [
              action.iframe({ uri: 'https://example.com/edit', label: 'Edit', width: 890, height: 748 }),
            ],
          },
        ],
        totalCount: 1,
      };
    })
    .actionHook('/hook', (input, ctx) => {
      record('/hook', input, ctx);
      return { message: `done for ${input.associatedObjectId}` };
    })
    .shareVia('/share', {
      checkPermissions: (input, ctx) => {
        record('CHECK_PERMISSIONS', input, ctx);
        return shareViaReplies.CHECK_PERMISSIONS;
      },
      fetchRecipients: (input, ctx) => {
        record('FETCH_RECIPIENTS', input, ctx);
        return shareViaReplies.FETCH_RECIPIENTS;
      },
      fetchRecipient: async (input, ctx) => {
        record('FETCH_RECIPIENT', input, ctx);
        return shareViaReplies.FETCH_RECIPIENT;
      },
      shareObject: async (input, ctx) => {
        record('SHARE_OBJECT', input, ctx);
        return shareViaReplies.SHARE_OBJECT;
      },
    })
    .channelConnection('/calls', (input, ctx) => {
      record('/calls', input, ctx);
      return {
        phoneNumbers: [{ e164PhoneNumber: '+18001231234', extension: '1', friendlyName: 'Support line' }],
      };
    })
    .crmCard('/boom', () => {
      throw new Error('database down');
    })
    .crmCard('/six', (input) => ({
      results: Array.from({ length: 6 }, (_, index) => ({
        objectId: input.associatedObjectId + index,
        title: 'x',
      })),
    }))
    .crmCard('/slow', (input, ctx) => {
      record('/slow', input, ctx);
      clock.advance(5_250);
      return { results: [] };
    })
    .actionHook('/refuse', () => Response.json({ message: 'Ticket is already closed' }, { status: 409 }), {
      methods: ['POST'],
    });
  return { app, seen, logger, clock };
}
