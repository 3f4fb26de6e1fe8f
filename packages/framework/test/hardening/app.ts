import {
  type AppOptions,
  createApp,
  type HandlerContext,
  type Logger,
  type SpokeApp,
} from '@spoke/framework';

/** The header each hardening request carries, so a handler call can be traced to its request. */
export const caseHeader = 'x-spoke-case';

/** Secret of the hardening app, and a second one for rotation and wrong-secret cases. */
export const hardeningSecret = 'hardening-secret-4f0c2a9e-7b1d';
export const otherSecret = 'another-app-secret-00000000';

/** Body cap of the hardening app: small, so oversize cases stay cheap. */
export const hardeningBodyLimit = 256 * 1024;

/** The routes, one of each kind (action hooks on every method); what the corpus aims at. */
export const routes = {
  card: '/card',
  hook: '/hook',
  share: '/share',
  calls: '/calls',
} as const;

/** Handler calls, by the value of {@link caseHeader} ('' when absent). */
export interface CallLog {
  readonly byCase: Map<string, number>;
  total: number;
}

/** A logger that keeps only errors (a handled refusal logs a warning; an error means a bug). */
export function errorsOnlyLogger(): Logger & { errors: { message: string; details: unknown }[] } {
  const errors: { message: string; details: unknown }[] = [];
  const ignore = () => {};
  return {
    errors,
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (message, details) => errors.push({ message, details }),
  };
}

/** Options of {@link buildHardeningApp}: any createApp option; the secret defaults to {@link hardeningSecret}. */
export type HardeningOptions = Partial<AppOptions>;

/**
 * One app with every route kind whose handlers only count their calls and answer a valid reply,
 * so any 5xx or unexpected call is the framework's doing, never a handler's.
 */
export function buildHardeningApp(options: HardeningOptions = {}): {
  app: SpokeApp;
  calls: CallLog;
  logger: ReturnType<typeof errorsOnlyLogger>;
} {
  const calls: CallLog = { byCase: new Map(), total: 0 };
  const logger = errorsOnlyLogger();
  const count = (ctx: HandlerContext) => {
    const id = ctx.request.headers.get(caseHeader) ?? '';
    calls.byCase.set(id, (calls.byCase.get(id) ?? 0) + 1);
    calls.total += 1;
  };
  const { clientSecret, clientSecrets, ...rest } = options;
  const secrets =
    clientSecrets !== undefined ? { clientSecrets } : { clientSecret: clientSecret ?? hardeningSecret };
  const appOptions: AppOptions = {
    ...secrets,
    bodyLimit: hardeningBodyLimit,
    logger,
    development: true,
    ...rest,
  };
  const app = createApp(appOptions)
    .crmCard(routes.card, (_input, ctx) => {
      count(ctx);
      return { results: [{ objectId: 1, title: 'Hardening' }] };
    })
    .actionHook(routes.hook, (_input, ctx) => {
      count(ctx);
      return { message: 'ok' };
    })
    .shareVia(routes.share, {
      checkPermissions: (_input, ctx) => {
        count(ctx);
        return { hasAllRequiredPermissions: true };
      },
      fetchRecipients: (_input, ctx) => {
        count(ctx);
        return { recipients: { total: 0, results: [] } };
      },
      fetchRecipient: (input, ctx) => {
        count(ctx);
        return { recipient: { id: input.payload.id, name: 'R', type: input.payload.type } };
      },
      shareObject: (_input, ctx) => {
        count(ctx);
      },
    })
    .channelConnection(routes.calls, (_input, ctx) => {
      count(ctx);
      return { phoneNumbers: [] };
    });
  return { app, calls, logger };
}
