import type { NumbersResult } from '../api/control/platform.ts';
import { dispatchChannelConnection } from '../dispatch/channel-connection.ts';
import { providerVisibility } from '../dispatch/provider-visibility.ts';
import { SpokeEmulatorError } from '../errors.ts';
import type { App, ConnectedNumber } from '../store/entities.ts';
import { requireInstalled } from './installed.ts';
import {
  callerScope,
  dispatchApp,
  dispatchOptions,
  logExchange,
  type PlatformDeps,
} from './platform-deps.ts';

/**
 * Opens the help-desk number picker for one calling app: an app whose channel connection is not
 * ready is greyed out (no call) unless `override` plays the local-storage flag; otherwise the
 * signed POST goes out and the numbers come back as the picker shows them. docs/protocol.md §4.2.
 */
export async function channelConnectionNumbers(
  deps: PlatformDeps,
  app: App,
  options: { userId?: number; override?: boolean },
): Promise<NumbersResult> {
  // The help desk lists only apps installed in the user's portal.
  const { user, portal } = await callerScope(deps, options.userId);
  await requireInstalled(deps.store, app, portal);
  const settings = await deps.store.channelConnectionSettings.get(app.id);
  if (!settings) {
    throw new SpokeEmulatorError(
      'API_NOT_CONFIGURED',
      `app ${app.id} has no channel-connection settings; POST /crm/v3/extensions/calling/${app.id}/settings/channel-connection first.`,
    );
  }
  const visibility = providerVisibility({ settings, override: options.override ?? false });
  const provider = { appId: app.id, name: app.name, isReady: settings.isReady, visibility };
  if (visibility !== 'selectable') {
    return {
      status: 'error',
      provider,
      numbers: [],
      error: {
        code: 'API_NOT_CONFIGURED',
        message: `${app.name} is greyed out in the provider picker because its channel connection has isReady=false; PATCH isReady to true, or pass "override": true (the browser flag LocalSettings:Calling:supportsChannelConnection).`,
      },
      exchanges: [],
    };
  }
  const { exchange, numbers } = await dispatchChannelConnection({
    ...(await dispatchOptions(deps, app.id, settings.url)),
    url: settings.url,
    app: dispatchApp(app),
    portal,
    user,
  });
  await logExchange(deps, exchange);
  return {
    status: numbers ? 'ok' : 'error',
    provider,
    numbers: numbers ?? [],
    error: numbers
      ? null
      : (exchange.error ?? { code: 'DISPATCH_REPLY_INVALID', message: 'the reply was not valid.' }),
    exchanges: [exchange],
  };
}

/** Connects one of the offered numbers to the help desk and records it. */
export async function connectNumber(
  deps: PlatformDeps,
  app: App,
  input: { e164PhoneNumber: string; userId?: number; override?: boolean },
): Promise<ConnectedNumber> {
  const { e164PhoneNumber, ...options } = input;
  const offered = await channelConnectionNumbers(deps, app, options);
  if (offered.status !== 'ok') {
    throw new SpokeEmulatorError(
      'API_NOT_CONFIGURED',
      `could not list ${app.name}'s numbers: ${offered.error?.message ?? 'unknown error'}`,
    );
  }
  const number = offered.numbers.find((n) => n.e164PhoneNumber === e164PhoneNumber);
  if (!number) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `${app.name} did not offer ${e164PhoneNumber}; it offered ${offered.numbers.map((n) => n.e164PhoneNumber).join(', ') || 'no numbers'}.`,
    );
  }
  if (!number.selectable) {
    throw new SpokeEmulatorError(
      'API_VALIDATION_FAILED',
      `${e164PhoneNumber} cannot be connected: ${number.note ?? 'not selectable'}`,
    );
  }
  const { user, portal } = await callerScope(deps, input.userId);
  const connected: ConnectedNumber = {
    id: deps.randomUUID(),
    appId: app.id,
    portalId: portal.id,
    userId: user.id,
    e164PhoneNumber: number.e164PhoneNumber,
    friendlyName: number.displayName,
    connectedAt: new Date(deps.now()).toISOString(),
  };
  await deps.store.connectedNumbers.insert(connected.id, connected, app.id);
  return connected;
}
