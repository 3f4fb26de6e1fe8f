import {
  type CardView,
  createNodeTransport,
  type DispatchCard,
  dispatchCardFetch,
  type Exchange,
} from '@spoke/emulator';
import type { ObjectTypeName, PlatformMode } from '@spoke/protocol';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { formatCard } from '../output/format-card.ts';
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

/** Options of `spoke trigger card`. */
export interface TriggerCardOptions extends TriggerCommonOptions {
  url?: string;
  record?: string;
  param?: string[];
  mode?: PlatformMode;
  baseUrl?: string[];
  title: string;
}

async function direct(options: TriggerCardOptions, io: CliIo): Promise<ExitCode> {
  if (options.url === undefined)
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      "--url is required without --emulator: the card's fetch target URL.",
    );
  const targetUrl = parseUrlOption(options.url);
  const identity = triggerIdentity(options);
  const { objectType, id } = options.record
    ? parseRecordSpec(options.record)
    : { objectType: 'contacts' as ObjectTypeName, id: 51 };
  const properties = parseKeyValues(options.param ?? [], '--param');
  const card: DispatchCard = {
    title: options.title,
    fetch: { targetUrl, objectTypes: [{ name: objectType, propertiesToSend: Object.keys(properties) }] },
    display: { properties: [] },
    actions: {
      baseUrls: options.baseUrl?.length
        ? options.baseUrl.map((u) => parseUrlOption(u, '--base-url'))
        : [new URL(targetUrl).origin],
    },
  };
  const mode = options.mode ?? 'legacy';
  const result = await withProgress(io, `fetching ${targetUrl}`, () =>
    dispatchCardFetch({
      ...identity,
      card,
      record: { id, objectType, properties },
      mode,
      // The card is made up from the options, not a definition the converter would check.
      checkDefinition: false,
      transport: createNodeTransport(),
      clock: io.now,
    }),
  );
  if (options.json) {
    writeJson(io, { ok: result.exchange.outcome === 'ok', exchange: result.exchange, card: result.card });
  } else {
    const c = createColours(io);
    const lines = formatExchange(result.exchange, c);
    if (result.card) {
      const title = mode === 'legacy' ? `${options.title} (${result.card.totalCount})` : options.title;
      lines.push('', ...formatCard(result.card, title, c));
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.exchange.outcome === 'ok' ? 0 : 1;
}

/** What the record page shows beside a failed card: the status and the service's reason first. */
function cardFailure(error: CardView['error']): string {
  if (!error) return 'the card shows an error';
  if (error.status === undefined) return error.message;
  const said = error.reason ? `: ${error.reason}` : ' with an empty body';
  return `the service answered ${error.status}${error.statusText ? ` ${error.statusText}` : ''}${said}`;
}

async function viaEmulator(options: TriggerCardOptions, io: CliIo, base: string): Promise<ExitCode> {
  const { client, appId, objectType, id } = await resolveEmulatorRecord(options, io, base, {
    flag: '--param',
    values: options.param,
    why: "through the emulator the record's own properties are sent (change them in the emulator).",
  });
  const opened = await withEmulatorMode(
    client,
    options.mode,
    io,
    () =>
      withProgress(io, `opening ${objectType} ${id} in the emulator`, () =>
        client.openRecord(objectType, id, appId),
      ),
    triggerApp(options, appId),
  );
  const byId = new Map<string, Exchange>(opened.exchanges.map((e) => [e.id, e]));
  // --url picks the cards fetched from that target; without it every card of the record is shown.
  const views = opened.cards.filter((view) => {
    const exchange = view.requestId ? byId.get(view.requestId) : undefined;
    return options.url === undefined || exchange?.request.url.startsWith(options.url);
  });
  if (views.length === 0) {
    const why = options.url ? ` fetched from ${options.url}` : '';
    throw new SpokeCliError(
      'CLI_EMULATOR_REFUSED',
      `app ${appId} has no card${why} for ${objectType}; push a config with one (spoke push) first.`,
    );
  }
  const ok = views.every((view) => view.status === 'ok');
  if (options.json) {
    writeJson(io, {
      ok,
      record: { objectType: objectType, id },
      cards: views,
      exchanges: views.map((v) => (v.requestId ? byId.get(v.requestId) : null)),
    });
    return ok ? 0 : 1;
  }
  const c = createColours(io);
  const lines: string[] = [];
  for (const view of views) {
    const exchange = view.requestId ? byId.get(view.requestId) : undefined;
    if (exchange) lines.push(...formatExchange(exchange, c));
    if (view.card) lines.push('', ...formatCard(view.card, view.title, c));
    else lines.push('', c.red(`┌ ${view.title}: ${cardFailure(view.error)}`), '└');
    lines.push(c.dim(`in the inspector: ${base}/ (request ${view.requestId ?? 'none'})`), '');
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}

/** Sends one signed data fetch as the platform would, directly or through an emulator, and prints the card and verdicts. */
export async function triggerCard(options: TriggerCardOptions, io: CliIo): Promise<ExitCode> {
  return options.emulator
    ? viaEmulator(options, io, parseUrlOption(options.emulator, '--emulator'))
    : direct(options, io);
}
