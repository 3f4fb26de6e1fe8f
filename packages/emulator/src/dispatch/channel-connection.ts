import { channelConnectionResponseSchema, limits, type PhoneNumber } from '@spoke/protocol';
import type { DispatchApp, DispatchOptions } from './dispatch-options.ts';
import type { Exchange } from './exchange.ts';
import type { DispatchPortal } from './record-fields.ts';
import { sendExchange } from './send-exchange.ts';
import { checkReplySchema, markReplyValid, readJsonReply } from './verdicts.ts';

/** Options of {@link dispatchChannelConnection}. */
export interface DispatchChannelConnectionOptions extends DispatchOptions {
  /** The channel-connection URL stored in the app's calling settings. */
  url: string;
  app: DispatchApp;
  portal: DispatchPortal;
  user: { id: number };
}

/** A number as the help-desk picker shows it. */
export interface PickerNumber {
  e164PhoneNumber: string;
  extension: string | null;
  /** As the service sent it. */
  friendlyName: string;
  /** `friendlyName` cut to `limits.friendlyNameMaxLength` characters, as HubSpot shows it. */
  displayName: string;
  /** False for numbers with an extension: listed but not connectable. */
  selectable: boolean;
  /** Why it cannot be selected, for the UI. */
  note: string | null;
}

export interface ChannelConnectionResult {
  exchange: Exchange;
  /** The picker model, or null when the exchange failed. */
  numbers: PickerNumber[] | null;
}

/** The picker model of the numbers a service offered. docs/protocol.md §4.2. */
export function pickerNumbers(numbers: readonly PhoneNumber[]): PickerNumber[] {
  return numbers.map((number) => {
    // Cut by code point so an emoji is never split in half.
    const displayName = Array.from(number.friendlyName).slice(0, limits.friendlyNameMaxLength).join('');
    const extension = number.extension === undefined || number.extension === '' ? null : number.extension;
    return {
      e164PhoneNumber: number.e164PhoneNumber,
      extension,
      friendlyName: number.friendlyName,
      displayName,
      selectable: extension === null,
      note: extension === null ? null : 'Numbers with an extension cannot be connected to the help desk yet.',
    };
  });
}

/**
 * Asks a calling app for the numbers a user can connect to the help desk: a signed POST of
 * `{appId, portalId, userId}`; the reply validated and turned into the picker model.
 */
export async function dispatchChannelConnection(
  options: DispatchChannelConnectionOptions,
): Promise<ChannelConnectionResult> {
  const { app, portal, user } = options;
  const exchange = await sendExchange({
    ...options,
    kind: 'calling.channel-connection',
    appId: app.id,
    secret: app.clientSecret,
    publicUrl: app.publicUrl,
    method: 'POST',
    url: options.url,
    body: JSON.stringify({ appId: app.id, portalId: portal.id, userId: user.id }),
    contentType: 'application/json',
    context: { portalId: portal.id, userId: user.id },
  });
  const json = readJsonReply(exchange);
  const reply = json.ok ? checkReplySchema(exchange, channelConnectionResponseSchema, json.value) : null;
  if (!reply) return { exchange, numbers: null };
  markReplyValid(exchange, `${reply.phoneNumbers.length} phone number(s)`);
  return { exchange, numbers: pickerNumbers(reply.phoneNumbers) };
}
