import { createNodeTransport, dispatchShareViaEvent, type Exchange, runShareViaFlow } from '@spoke/emulator';
import { type ShareViaEvent, shareViaEventSchema } from '@spoke/protocol';
import { shareViaPayload } from '../check/base-requests.ts';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { formatExchange } from '../output/format-exchange.ts';
import { withProgress } from '../output/with-progress.ts';
import { writeJson } from '../output/write-json.ts';
import { parseUrlOption } from '../signing/parse-url-option.ts';
import { createEmulatorClient, emulatorToken } from './emulator-client.ts';
import {
  normalizeEventName,
  type TriggerCommonOptions,
  triggerApp,
  triggerIdentity,
} from './trigger-options.ts';
import { withEmulatorMode } from './with-emulator-mode.ts';

/** Options of `spoke trigger share-via`. */
export interface TriggerShareViaOptions extends TriggerCommonOptions {
  base?: string;
  payload?: string;
  message?: string;
  recipientId?: string;
}

/** One step as printed: the event, whether it worked, what the sender sees, its exchanges. */
interface StepView {
  event: string;
  ok: boolean;
  shows: string;
  exchanges: Exchange[];
}

function parsePayload(text: string | undefined, event: ShareViaEvent): Record<string, unknown> {
  if (text === undefined) return shareViaPayload(event, 'typical');
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new SpokeCliError(
    'CLI_OPTION_INVALID',
    `--payload must be a JSON object, the event's "payload", e.g. '{"requiredPermissions":["upload-file"]}'.`,
  );
}

function print(
  io: CliIo,
  steps: readonly StepView[],
  json: boolean,
  extra: Record<string, unknown>,
): ExitCode {
  const ok = steps.every((step) => step.ok);
  if (json) {
    writeJson(io, { ok, ...extra, steps });
    return ok ? 0 : 1;
  }
  const c = createColours(io);
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(`${c.bold(step.event)} ${step.ok ? c.green('ok') : c.red('failed')}: ${step.shows}`);
    for (const exchange of step.exchanges)
      lines.push(...formatExchange(exchange, c).map((line) => `  ${line}`));
    lines.push('');
  }
  io.stdout.write(`${lines.join('\n')}`);
  return ok ? 0 : 1;
}

function parseEvent(name: string): ShareViaEvent | 'flow' {
  const upper = normalizeEventName(name);
  if (upper === 'FLOW') return 'flow';
  const parsed = shareViaEventSchema.safeParse(upper);
  if (!parsed.success) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `unknown Share Via event ${JSON.stringify(name)}; use ${shareViaEventSchema.options.join(', ')} or flow.`,
    );
  }
  return parsed.data;
}

async function direct(
  event: ShareViaEvent | 'flow',
  options: TriggerShareViaOptions,
  io: CliIo,
): Promise<ExitCode> {
  if (options.base === undefined)
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      "--base is required without --emulator: the app's Share Via target base URL.",
    );
  const targetBase = parseUrlOption(options.base, '--base');
  const identity = triggerIdentity(options);
  const world = {
    transport: createNodeTransport(),
    clock: io.now,
    targetBase,
    app: identity.app,
    portal: identity.portal,
  };
  if (event === 'flow') {
    const flow = await withProgress(io, `sharing a report through ${targetBase}`, () =>
      runShareViaFlow({
        ...world,
        sender: { id: identity.user.id },
        report: { id: 2334567, name: 'Chat Conversations', screenshotUrl: 'https://example.com/report.png' },
        ...(options.message === undefined ? {} : { message: options.message }),
        ...(options.recipientId === undefined ? {} : { recipient: { id: options.recipientId, type: 0 } }),
      }),
    );
    return print(io, flow.steps, options.json === true, { failedAt: flow.failedAt });
  }
  const payload = parsePayload(options.payload, event) as never;
  const result = await withProgress(io, `sending ${event} to ${targetBase}`, () =>
    dispatchShareViaEvent({ ...world, event, payload }),
  );
  const shows = result.reply
    ? `replied ${JSON.stringify(result.reply.payload)}`
    : (result.exchange.error?.message ?? 'the reply was rejected');
  return print(
    io,
    [{ event, ok: result.reply !== null, shows, exchanges: [result.exchange] }],
    options.json === true,
    { reply: result.reply },
  );
}

async function viaEmulator(
  event: ShareViaEvent | 'flow',
  options: TriggerShareViaOptions,
  io: CliIo,
  base: string,
): Promise<ExitCode> {
  const client = createEmulatorClient(base, io.fetch, emulatorToken(options, io.env));
  const appId = Number(options.appId ?? 1000);
  if (options.base !== undefined) {
    const targetBase = parseUrlOption(options.base, '--base');
    if ((await client.shareViaTarget(appId)) !== targetBase) {
      io.stderr.write(`[spoke] setting app ${appId}'s Share Via target to ${targetBase} in the emulator\n`);
      await client.setShareViaTarget(appId, targetBase);
    }
  }
  if (event === 'flow') {
    const input = {
      ...(options.message === undefined ? {} : { message: options.message }),
      ...(options.recipientId === undefined ? {} : { recipientId: options.recipientId }),
    };
    const flow = await withProgress(io, 'running the Share Via flow in the emulator', () =>
      withEmulatorMode(
        client,
        undefined,
        io,
        () => client.shareViaFlow(appId, input),
        triggerApp(options, appId),
      ),
    );
    const steps = flow.steps.map((step) => ({
      event: step.event,
      ok: step.ok,
      shows: step.shows,
      exchanges: step.exchanges,
    }));
    return print(io, steps, options.json === true, { failedAt: flow.failedAt });
  }
  const payload = parsePayload(options.payload, event);
  const result = await withEmulatorMode(
    client,
    undefined,
    io,
    () => client.shareViaEvent(appId, event, payload),
    triggerApp(options, appId),
  );
  const shows =
    result.status === 'ok' ? `replied ${JSON.stringify(result.reply)}` : (result.error?.message ?? 'failed');
  return print(
    io,
    [{ event, ok: result.status === 'ok', shows, exchanges: result.exchanges }],
    options.json === true,
    { reply: result.reply },
  );
}

/** Sends one Share Via event, or the whole flow, as the platform would. */
export async function triggerShareVia(
  eventName: string,
  options: TriggerShareViaOptions,
  io: CliIo,
): Promise<ExitCode> {
  const event = parseEvent(eventName);
  return options.emulator
    ? viaEmulator(event, options, io, parseUrlOption(options.emulator, '--emulator'))
    : direct(event, options, io);
}
