import type { SchemaIssue } from '@spoke/protocol';
import { applyPush } from '../config/apply-push.ts';
import type { SpokeConfig } from '../config/config-schema.ts';
import { configWarnings } from '../config/config-warnings.ts';
import { connectDeveloperApi } from '../config/connect-developer-api.ts';
import { converterConfigWarnings } from '../config/converter-warnings.ts';
import type { DeveloperApiClient } from '../config/developer-api-client.ts';
import { loadConfig } from '../config/load-config.ts';
import { type PushChange, planPush } from '../config/plan-push.ts';
import { readRemoteState } from '../config/read-remote-state.ts';
import { type ApiTargetOptions, resolveApiTarget } from '../config/resolve-api-target.ts';
import type { ExitCode } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { formatChange, summarizeChanges } from '../output/format-push-plan.ts';
import { withProgress } from '../output/with-progress.ts';
import { writeJson } from '../output/write-json.ts';

/** Options of `spoke push`, as commander parses them. */
export interface PushCommandOptions extends ApiTargetOptions {
  config: string;
  dryRun?: boolean;
  json?: boolean;
}

/** What one reconcile planned and applied. */
export interface PushResult {
  changes: PushChange[];
  applied: number;
  notes: string[];
}

/** Reads the remote state, prints the diff (unless `json`), and applies it (unless `dryRun`). */
export async function pushConfig(
  client: DeveloperApiClient,
  config: SpokeConfig,
  io: CliIo,
  options: { dryRun?: boolean; json?: boolean; title: string },
): Promise<PushResult> {
  const c = createColours(io);
  const remote = await withProgress(io, `reading app ${client.appId} at ${client.api}`, () =>
    readRemoteState(client),
  );
  const changes = planPush(config, remote);
  if (!options.json) {
    io.stdout.write(`${c.bold('push')} ${options.title}${options.dryRun ? ' (dry run)' : ''}\n`);
    for (const change of changes) for (const line of formatChange(change, c)) io.stdout.write(`${line}\n`);
    io.stdout.write(`${summarizeChanges(changes)}\n`);
  }
  if (options.dryRun || changes.length === 0) return { changes, applied: 0, notes: [] };
  const outcome = await withProgress(io, `applying ${changes.length} changes`, (progress) =>
    applyPush(client, changes, (change) => progress.update(`applied ${change.op} ${change.target}`)),
  );
  if (!options.json) {
    for (const note of outcome.notes) io.stdout.write(`${c.yellow('note')}: ${note}\n`);
    io.stdout.write(c.green(`applied ${outcome.applied.length} of ${changes.length} changes\n`));
  }
  return { changes, applied: outcome.applied.length, notes: outcome.notes };
}

/**
 * Prints the config's fields HubSpot would ignore (the config schema drops them, so they are never
 * sent), one `warning` line each, and returns them.
 */
export function printConfigWarnings(io: CliIo, path: string, raw: unknown): SchemaIssue[] {
  const warnings = configWarnings(raw);
  const c = createColours(io);
  for (const warning of warnings) {
    io.stdout.write(
      `${c.yellow('warning')}: ${path} ${warning.path}: ${warning.message} (push leaves it out)\n`,
    );
  }
  return warnings;
}

/**
 * Prints the cards HubSpot's card converter would refuse, for an app in converter mode (the push
 * still sends them, as the developer API takes them), one `warning` line each, and returns them.
 */
export function printConverterWarnings(io: CliIo, path: string, config: SpokeConfig): SchemaIssue[] {
  const warnings = converterConfigWarnings(config);
  const c = createColours(io);
  for (const warning of warnings) {
    io.stdout.write(`${c.yellow('warning')}: ${path} ${warning.path}: ${warning.message}\n`);
  }
  return warnings;
}

/** Reconciles the developer API with the config file: prints the diff, then applies it. */
export async function runPush(options: PushCommandOptions, io: CliIo): Promise<ExitCode> {
  // Everything that can be wrong locally is checked before the first request.
  const { path, config, raw } = await loadConfig(options.config, io.cwd, io.env);
  const target = resolveApiTarget(options, config, io.env);
  const client = await connectDeveloperApi(target, io);
  const json = options.json === true;
  const dryRun = options.dryRun === true;
  const warnings = [
    ...(json ? configWarnings(raw) : printConfigWarnings(io, path, raw)),
    ...(json ? converterConfigWarnings(config) : printConverterWarnings(io, path, config)),
  ];
  const result = await pushConfig(client, config, io, {
    dryRun,
    json,
    title: `${path} → app ${target.appId} at ${client.api}`,
  });
  if (json) writeJson(io, { ok: true, dryRun, api: client.api, appId: target.appId, ...result, warnings });
  return 0;
}
