import { actionHookReplySchema, limits, type PlatformMode, type RenderedAction } from '@spoke/protocol';
import { SpokeEmulatorError } from '../errors.ts';
import { type DispatchApp, type DispatchOptions, permittedFetchUrls } from './dispatch-options.ts';
import type { Exchange } from './exchange.ts';
import { appendQuery, appendQueryAsConverter, encodeFields, type Field } from './query.ts';
import { defaultFields, notePropertiesNotSent, propertyFields, type RecordScope } from './record-fields.ts';
import { sendOnce, sendWithHubSpotFetchRetry } from './send-exchange.ts';

/** Options of {@link dispatchActionHook}. */
export interface DispatchActionHookOptions extends DispatchOptions, RecordScope {
  /** An ACTION_HOOK or CONFIRMATION_ACTION_HOOK from a rendered card. */
  action: RenderedAction;
  app: DispatchApp;
  /** @default 'legacy' */
  mode?: PlatformMode;
}

/** What the user sees after an action hook: a success or error alert. */
export interface ActionHookToast {
  kind: 'success' | 'error';
  text: string;
}

export interface ActionHookResult {
  /** The last attempt, whose reply gives the toast. */
  exchange: Exchange;
  toast: ActionHookToast;
  /** Earlier attempts hubspot.fetch sent again (converter mode: one, after a 5xx or a connection failure). */
  retried: Exchange[];
}

/** The request an action hook sends, before signing. */
export interface ActionHookRequestParts {
  method: RenderedAction['httpMethod'];
  url: string;
  body: string;
  contentType?: string;
}

/** Alert texts when a legacy reply has no `message` (HubSpot's own wording is not documented). */
export const legacyFallbackToast = { success: 'The action succeeded.', error: 'The action failed.' } as const;

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Where the action's fields go (docs/protocol.md §2.4). legacy: GET/DELETE in the query, POST/PUT/PATCH as a
 * form body. converter: always in the query (URLSearchParams, empty values dropped, plus `appId`),
 * and POST/PUT/PATCH also as a JSON body.
 */
export function buildActionHookRequest(
  options: Omit<DispatchActionHookOptions, keyof DispatchOptions>,
): ActionHookRequestParts {
  const { action, record, app } = options;
  if (action.type === 'IFRAME') {
    throw new SpokeEmulatorError(
      'DISPATCH_ACTION_NOT_A_HOOK',
      `action ${JSON.stringify(action.label)} is an IFRAME: the platform opens it in a modal (iframeUrl), it does not call it.`,
    );
  }
  const method = action.httpMethod;
  const uri = action.uri;
  const fields: Field[] = [
    ...defaultFields(options),
    ...propertyFields(action.associatedObjectProperties, record),
  ];
  const hasBody = bodyMethods.has(method);
  if ((options.mode ?? 'legacy') === 'converter') {
    const query = [...fields.filter(([, value]) => value !== ''), ['appId', String(app.id)] as const];
    const url = appendQueryAsConverter(uri, encodeFields(query, 'form'));
    if (!hasBody) return { method, url, body: '' };
    return { method, url, body: JSON.stringify(Object.fromEntries(fields)), contentType: 'application/json' };
  }
  if (!hasBody) return { method, url: appendQuery(uri, encodeFields(fields, 'component')), body: '' };
  return {
    method,
    url: appendQuery(uri, ''),
    body: encodeFields(fields, 'form'),
    contentType: 'application/x-www-form-urlencoded',
  };
}

function replyMessage(exchange: Exchange): string | null {
  const body = exchange.reply?.body;
  if (!body) return null;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = actionHookReplySchema.safeParse(value);
  if (parsed.success) return parsed.data.message ?? null;
  exchange.verdicts.push({
    code: 'DISPATCH_REPLY_INVALID',
    severity: 'warning',
    message: 'the reply is JSON but its `message` is not a string, so the platform shows its default text',
    path: 'message',
  });
  return null;
}

/** The alert the platform shows for an action-hook exchange, per mode. docs/protocol.md §2.4. */
export function actionHookToast(
  exchange: Exchange,
  action: RenderedAction,
  mode: PlatformMode,
): ActionHookToast {
  const kind = exchange.outcome === 'ok' ? 'success' : 'error';
  if (mode === 'converter') {
    if (kind === 'success') return { kind, text: `${action.label} succeeded.` };
    const status = exchange.reply?.status;
    const code = exchange.error?.code ?? 'DISPATCH_CONNECTION_FAILED';
    // The converter alerts every failure as `Error: <message>` (handleActionOnClick's catch).
    return {
      kind,
      text:
        status === undefined
          ? `Error: Action failed (${code})`
          : `Error: Action failed with status ${status}`,
    };
  }
  return { kind, text: replyMessage(exchange) ?? legacyFallbackToast[kind] };
}

/**
 * Runs an action hook as the platform does: a signed request with the action's method and fields,
 * 2xx = success, anything else (or no reply in time) = error, and the alert text the user sees.
 * In converter mode the call goes through hubspot.fetch: 15 s (the converter passes no timeout on
 * hooks) and one retry after a connection failure or a 5xx, so a hook can run twice.
 */
export async function dispatchActionHook(options: DispatchActionHookOptions): Promise<ActionHookResult> {
  const { action, app, record } = options;
  const mode = options.mode ?? 'legacy';
  const parts = buildActionHookRequest(options);
  const send = mode === 'converter' ? sendWithHubSpotFetchRetry : sendOnce;
  const { exchange, retried } = await send({
    ...options,
    ...(mode === 'converter' ? { totalTimeoutMs: limits.hubspotFetchTimeoutMs } : {}),
    kind: 'crm-card.action-hook',
    appId: app.id,
    secret: app.clientSecret,
    publicUrl: app.publicUrl,
    permittedFetchUrls: permittedFetchUrls(app),
    method: parts.method,
    url: parts.url,
    body: parts.body,
    ...(parts.contentType === undefined ? {} : { contentType: parts.contentType }),
    context: {
      actionLabel: action.label,
      actionType: action.type,
      recordId: String(record.id),
      objectType: record.objectType,
      mode,
    },
  });
  for (const attempt of [...retried, exchange]) {
    notePropertiesNotSent(attempt, action.associatedObjectProperties, record, 'associatedObjectProperties');
  }
  return { exchange, toast: actionHookToast(exchange, action, mode), retried };
}
