import { createNodeTransport, dispatchActionHook, type Exchange } from '@spoke/emulator';
import type { HookMethod, ObjectTypeName, PlatformMode, RenderedAction } from '@spoke/protocol';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { formatExchange } from '../output/format-exchange.ts';
import { withProgress } from '../output/with-progress.ts';
import { writeJson } from '../output/write-json.ts';
import { parseUrlOption } from '../signing/parse-url-option.ts';
import { resolveEmulatorRecord } from './emulator-record.ts';
import {
  parseKeyValues,
  parseRecordSpec,
  type TriggerCommonOptions,
  triggerApp,
  triggerIdentity,
} from './trigger-options.ts';
import { withEmulatorMode } from './with-emulator-mode.ts';

/** Options of `spoke trigger action`. */
export interface TriggerActionOptions extends TriggerCommonOptions {
  url: string;
  method: HookMethod;
  prop?: string[];
  record?: string;
  mode?: PlatformMode;
  label: string;
}

function print(
  io: CliIo,
  exchange: Exchange | null,
  toast: { ok: boolean; text: string },
  json: boolean,
): ExitCode {
  if (json) writeJson(io, { ok: toast.ok, toast: toast.text, exchange });
  else {
    const c = createColours(io);
    const lines = exchange ? formatExchange(exchange, c) : [];
    lines.push('', `${c.bold('the user sees')}: ${toast.ok ? c.green(toast.text) : c.red(toast.text)}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return toast.ok ? 0 : 1;
}

async function direct(options: TriggerActionOptions, io: CliIo): Promise<ExitCode> {
  const uri = parseUrlOption(options.url);
  const identity = triggerIdentity(options);
  const properties = parseKeyValues(options.prop ?? [], '--prop');
  const { objectType, id } = options.record
    ? parseRecordSpec(options.record)
    : { objectType: 'contacts' as ObjectTypeName, id: 51 };
  const action: RenderedAction = {
    type: 'ACTION_HOOK',
    uri,
    label: options.label,
    httpMethod: options.method,
    associatedObjectProperties: Object.keys(properties),
  };
  const result = await withProgress(io, `calling ${uri}`, () =>
    dispatchActionHook({
      ...identity,
      action,
      record: { id, objectType, properties },
      mode: options.mode ?? 'legacy',
      transport: createNodeTransport(),
      clock: io.now,
    }),
  );
  return print(
    io,
    result.exchange,
    { ok: result.toast.kind === 'success', text: result.toast.text },
    options.json === true,
  );
}

async function viaEmulator(options: TriggerActionOptions, io: CliIo, base: string): Promise<ExitCode> {
  const { client, appId, objectType, id } = await resolveEmulatorRecord(options, io, base, {
    flag: '--prop',
    values: options.prop,
    why: "through the emulator the record's own properties are sent.",
  });
  const result = await withEmulatorMode(
    client,
    options.mode,
    io,
    async () => {
      // As a user would: open the record, then click the action on the card that offers it.
      const opened = await client.openRecord(objectType, id, appId);
      for (const view of opened.cards) {
        const actions = view.card
          ? [
              ...view.card.items.flatMap((item) => item.actions),
              view.card.primaryAction,
              ...view.card.secondaryActions,
            ]
          : [];
        const action = actions.find(
          (a): a is RenderedAction => a !== null && a.type !== 'IFRAME' && a.uri === options.url,
        );
        if (action) return client.runAction(objectType, id, { appId, cardId: view.cardId, action });
      }
      // No card offers it: run it as an action of the first card, so the call is still signed and logged.
      const first = opened.cards[0];
      if (!first)
        throw new SpokeCliError(
          'CLI_EMULATOR_REFUSED',
          `app ${appId} has no card for ${objectType}; push a config with one (spoke push) first.`,
        );
      const action: RenderedAction = {
        type: 'ACTION_HOOK',
        uri: options.url,
        label: options.label,
        httpMethod: options.method,
        associatedObjectProperties: [],
      };
      return client.runAction(objectType, id, { appId, cardId: first.cardId, action });
    },
    triggerApp(options, appId),
  );
  return print(
    io,
    result.exchange,
    { ok: result.status === 'ok', text: result.message },
    options.json === true,
  );
}

/** Runs one action hook as the platform would (signed, in legacy or converter encoding) and prints what the user sees. */
export async function triggerAction(options: TriggerActionOptions, io: CliIo): Promise<ExitCode> {
  return options.emulator
    ? viaEmulator(options, io, parseUrlOption(options.emulator, '--emulator'))
    : direct(options, io);
}
