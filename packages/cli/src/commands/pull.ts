// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { connectDeveloperApi } from '../config/connect-developer-api.ts';
import { interpolateEnv } from '../config/interpolate-env.ts';
import { parseConfigText } from '../config/load-config.ts';
import { readRemoteState } from '../config/read-remote-state.ts';
import { remoteToConfig } from '../config/remote-to-config.ts';
import { type ApiTargetOptions, resolveApiTarget } from '../config/resolve-api-target.ts';
import type { ExitCode } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { withProgress } from '../output/with-progress.ts';
import { writeJson } from '../output/write-json.ts';

/** Options of `spoke pull`, as commander parses them. */
export interface PullCommandOptions extends ApiTargetOptions {
  config: string;
  json?: boolean;
}

async function readOld(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  const raw = parseConfigText(text, path);
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : {};
}

function fileAppId(value: unknown, env: CliIo['env']): number | undefined {
  try {
    const resolved = String(interpolateEnv(value, env));
    return /^\d+$/.test(resolved) ? Number(resolved) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the remote state to the config file, keeping card keys and `${VAR}` references that still hold. */
export async function runPull(options: PullCommandOptions, io: CliIo): Promise<ExitCode> {
  const path = resolve(io.cwd, options.config);
  const old = await readOld(path);
  const target = resolveApiTarget(options, { appId: fileAppId(old.appId, io.env) }, io.env);
  const client = await connectDeveloperApi(target, io);
  const remote = await withProgress(io, `reading app ${target.appId} at ${client.api}`, () =>
    readRemoteState(client),
  );
  const config = remoteToConfig(remote, old, target.appId, io.env);
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`);
  const parts = [
    `${remote.cards.length} card${remote.cards.length === 1 ? '' : 's'}`,
    remote.calling ? 'calling settings' : 'no calling settings',
    remote.channelConnection ? 'channel connection' : 'no channel connection',
    remote.shareVia === undefined
      ? 'Share Via target kept from the file (the API has none)'
      : remote.shareVia
        ? 'Share Via target'
        : 'no Share Via target',
    ...(remote.app?.publicUrl ? [`public URL ${remote.app.publicUrl}`] : []),
    ...(remote.app?.mode ? [`${remote.app.mode} mode`] : []),
    ...(remote.app?.redirectUrls?.length ? [`redirect URLs ${remote.app.redirectUrls.join(' ')}`] : []),
    ...(remote.app?.permittedUrls?.fetch?.length
      ? [`permittedUrls.fetch ${remote.app.permittedUrls.fetch.join(' ')}`]
      : []),
  ];
  if (options.json) writeJson(io, { ok: true, path, api: client.api, appId: target.appId, config });
  else io.stdout.write(`wrote ${path}: ${parts.join(', ')}\n`);
  return 0;
}
