import { checkActionUrl, converterClickCheck } from '@spoke/protocol';
import type { ActionResult, RunActionInput } from '../api/control/platform.ts';
import { scopesFor } from '../api/developer/missing-scopes.ts';
import { dispatchActionHook } from '../dispatch/action-hook.ts';
import { iframeUrl } from '../dispatch/iframe-url.ts';
import { missingProperties } from '../dispatch/record-fields.ts';
import { SpokeEmulatorError } from '../errors.ts';
import { requireInstalled } from './installed.ts';
import {
  appMode,
  callerScope,
  dispatchApp,
  dispatchOptions,
  logExchanges,
  type PlatformDeps,
} from './platform-deps.ts';

/**
 * Runs one action of a card as the platform does: IFRAME gives the modal URL (not signed);
 * ACTION_HOOK and CONFIRMATION_ACTION_HOOK (confirmed) send the signed call and give the toast.
 * An action outside the card's `actions.baseUrls` is refused without a call. In converter mode the
 * converter's own rules apply instead: a hook is checked when clicked (absolute, same protocol and
 * hostname as a base URL; else its alert and no call) and an IFRAME opens its bare `uri` unchecked.
 * Shapes Spoke refuses in every mode (`//host`, a backslash…) stay refused. docs/protocol.md §2.4.
 */
export async function runAction(deps: PlatformDeps, input: RunActionInput): Promise<ActionResult> {
  const { record } = input;
  const app = await deps.store.apps.get(input.appId);
  if (!app) throw new SpokeEmulatorError('API_NOT_FOUND', `no app ${input.appId}.`);
  const card = (await deps.store.cards.list({ scope: app.id })).find((c) => c.id === input.cardId);
  if (!card) throw new SpokeEmulatorError('API_NOT_FOUND', `app ${app.id} has no card ${input.cardId}.`);
  // A card shows only where its app is installed with the object's scopes: no card, no action.
  const { user, portal } = await callerScope(deps, input.userId, input.record.portalId);
  await requireInstalled(deps.store, app, portal, scopesFor(record.objectType));
  const mode = await appMode(deps, app);
  const refused = (message: string): ActionResult => ({
    type: input.action.type,
    status: 'error',
    message,
    iframe: null,
    exchange: null,
  });
  const checked = checkActionUrl(input.action.uri, { baseUrls: card.actions.baseUrls, mode });
  if (!checked.ok && (mode !== 'converter' || checked.everyMode)) {
    return refused(`${checked.reason} The platform refuses it without a call.`);
  }
  let uri = checked.ok ? checked.url : input.action.uri;
  if (mode === 'converter' && input.action.type !== 'IFRAME') {
    // The converter's click-time check: its alert, word for word, and nothing is called.
    const click = converterClickCheck(input.action.uri, card.actions.baseUrls);
    if (!click.ok) return refused(click.alert);
    uri = click.url;
  }
  if (input.action.type === 'IFRAME' && mode === 'converter') {
    // The converter hands openIframeModal the bare uri: no properties, no check.
    const action = input.action;
    const dropped = action.associatedObjectProperties;
    return {
      type: action.type,
      status: 'ok',
      message:
        dropped.length === 0
          ? ''
          : `not sent: the converter opens the bare uri, without the associatedObjectProperties (${dropped.join(', ')}).`,
      iframe: {
        url: iframeUrl({ action, record, mode }),
        width: action.width ?? 890,
        height: action.height ?? 748,
      },
      exchange: null,
    };
  }
  if (input.action.type === 'IFRAME') {
    // Not signed: the browser opens the URI the reply gave, which parses to the URL just checked.
    const action = input.action;
    return {
      type: action.type,
      status: 'ok',
      // HubSpot leaves absent properties out of the URL without a word; Spoke says which.
      message: missingProperties(action.associatedObjectProperties, record)
        .map((name) => `not sent: the record has no value for ${name} (named in associatedObjectProperties).`)
        .join(' '),
      iframe: {
        url: iframeUrl({ action, record, mode }),
        width: action.width ?? 890,
        height: action.height ?? 748,
      },
      exchange: null,
    };
  }
  // A signed call goes to the URL that was checked, parsed and resolved once.
  const action = { ...input.action, uri };
  const options = await dispatchOptions(deps, app.id, action.uri);
  const { exchange, toast, retried } = await dispatchActionHook({
    ...options,
    action,
    app: dispatchApp(app, card.id),
    record,
    portal,
    user,
    mode,
  });
  for (const attempt of [...retried, exchange]) attempt.context.cardId = card.id;
  await logExchanges(deps, [...retried, exchange]);
  return {
    type: action.type,
    status: toast.kind === 'success' ? 'ok' : 'error',
    message: toast.text,
    iframe: null,
    exchange,
  };
}
