import { createNodeTransport, dispatchChannelConnection, type Exchange } from '@spoke/emulator';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { formatExchange } from '../output/format-exchange.ts';
import { withProgress } from '../output/with-progress.ts';
import { writeJson } from '../output/write-json.ts';
import { parseUrlOption } from '../signing/parse-url-option.ts';
import { createEmulatorClient, emulatorToken } from './emulator-client.ts';
import { type TriggerCommonOptions, triggerApp, triggerIdentity } from './trigger-options.ts';
import { withEmulatorMode } from './with-emulator-mode.ts';

/** Options of `spoke trigger channel-connection`. */
export interface TriggerChannelConnectionOptions extends TriggerCommonOptions {
  url?: string;
}

/** A number as the help-desk picker lists it. */
interface PickerLine {
  e164PhoneNumber: string;
  name: string;
  extension: string | null;
  selectable: boolean;
}

function print(
  io: CliIo,
  exchanges: readonly Exchange[],
  numbers: PickerLine[] | null,
  json: boolean,
): ExitCode {
  const ok = numbers !== null;
  if (json) {
    writeJson(io, { ok, numbers, exchanges });
    return ok ? 0 : 1;
  }
  const c = createColours(io);
  const lines = exchanges.flatMap((exchange) => formatExchange(exchange, c));
  if (numbers) {
    lines.push('', c.bold('the provider picker shows'));
    if (numbers.length === 0) lines.push('  (no numbers)');
    for (const n of numbers) {
      const ext = n.extension ? ` ext. ${n.extension}` : '';
      lines.push(
        `  ${n.selectable ? '○' : c.dim('⊘')} ${n.name}  ${n.e164PhoneNumber}${ext}${n.selectable ? '' : c.dim(' (has an extension: listed, cannot be selected)')}`,
      );
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}

/** Asks a calling app for its help-desk numbers as the platform would and prints the picker. */
export async function triggerChannelConnection(
  options: TriggerChannelConnectionOptions,
  io: CliIo,
): Promise<ExitCode> {
  if (options.emulator) {
    const client = createEmulatorClient(
      parseUrlOption(options.emulator, '--emulator'),
      io.fetch,
      emulatorToken(options, io.env),
    );
    if (options.url !== undefined)
      io.stderr.write(
        "[spoke] --url is ignored with --emulator: the emulator calls the URL in the app's channel-connection settings (spoke push sets it)\n",
      );
    const appId = Number(options.appId ?? 1000);
    const app = triggerApp(options, appId);
    const result = await withEmulatorMode(client, undefined, io, () => client.numbers(appId), app);
    const numbers =
      result.status === 'ok'
        ? result.numbers.map((n) => ({
            e164PhoneNumber: n.e164PhoneNumber,
            name: n.friendlyName,
            extension: n.extension,
            selectable: n.selectable,
          }))
        : null;
    if (result.error && !options.json) io.stderr.write(`${result.error.message}\n`);
    return print(io, result.exchanges, numbers, options.json === true);
  }
  if (options.url === undefined)
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      '--url is required without --emulator: the channel-connection URL.',
    );
  const url = parseUrlOption(options.url);
  const identity = triggerIdentity(options);
  const result = await withProgress(io, `calling ${url}`, () =>
    dispatchChannelConnection({ ...identity, url, transport: createNodeTransport(), clock: io.now }),
  );
  const numbers =
    result.numbers?.map((n) => ({
      e164PhoneNumber: n.e164PhoneNumber,
      name: n.displayName,
      extension: n.extension,
      selectable: n.selectable,
    })) ?? null;
  return print(io, [result.exchange], numbers, options.json === true);
}
