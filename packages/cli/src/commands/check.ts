import { createNodeTransport } from '@spoke/emulator';
import { type HookMethod, limits } from '@spoke/protocol';
import type { CheckTarget } from '../check/base-requests.ts';
import { checkCases } from '../check/check-cases.ts';
import type { CheckKind } from '../check/check-request.ts';
import { runCheck } from '../check/run-check.ts';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { formatTable } from '../output/format-table.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { withProgress } from '../output/with-progress.ts';
import { writeJson } from '../output/write-json.ts';
import { platformDefaults } from '../platform-defaults.ts';
import { parseUrlOption } from '../signing/parse-url-option.ts';

/** Options of `spoke check`, as commander parses them. */
export interface CheckCommandOptions {
  secret: string;
  kind: CheckKind;
  method: HookMethod;
  baseUrl?: string[];
  appId?: string;
  portalId?: string;
  userId?: string;
  deadline?: string;
  only?: string;
  json?: boolean;
}

function deadlineOption(value: string | undefined): number {
  if (value === undefined) return limits.totalDeadlineMs;
  const ms = parsePositiveInt(value, '--deadline');
  if (ms > limits.totalDeadlineMs) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--deadline ${ms} is above the platform's ${limits.totalDeadlineMs} ms; it can only make the check stricter.`,
    );
  }
  return ms;
}

/** Runs the conformance cases against a service and prints a pass/fail table; exit 1 when any fails. */
export async function runCheckCommand(
  url: string,
  options: CheckCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  const target: CheckTarget = {
    url: parseUrlOption(url, '<url>'),
    app: {
      id: options.appId ? parsePositiveInt(options.appId, '--app-id') : platformDefaults.appId,
      clientSecret: options.secret,
    },
    portal: {
      id: options.portalId ? parsePositiveInt(options.portalId, '--portal-id') : platformDefaults.portalId,
    },
    user: {
      id: options.userId ? parsePositiveInt(options.userId, '--user-id') : platformDefaults.userId,
      email: platformDefaults.userEmail,
    },
    method: options.method,
  };
  const baseUrls = options.baseUrl?.length
    ? options.baseUrl.map((u) => parseUrlOption(u, '--base-url'))
    : [new URL(target.url).origin];
  const totalMs = deadlineOption(options.deadline);
  const only = options.only
    ? options.only
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : [];
  const known = checkCases(options.kind, target).map((c) => c.id);
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--only names unknown cases ${unknown.join(', ')}; the ${options.kind} cases are ${known.join(', ')}.`,
    );
  }
  const transport = createNodeTransport({
    totalTimeoutMs: totalMs,
    connectTimeoutMs: Math.min(limits.connectDeadlineMs, totalMs),
  });
  const results = await withProgress(io, `checking ${target.url}`, (progress) =>
    runCheck({
      kind: options.kind,
      target,
      baseUrls,
      transport,
      now: io.now,
      only,
      onCase: (c, i, n) => progress.update(`case ${i + 1}/${n}: ${c.id}`),
    }),
  );
  const failed = results.filter((r) => !r.pass);
  if (options.json) {
    writeJson(io, {
      ok: failed.length === 0,
      url: target.url,
      kind: options.kind,
      deadlineMs: totalMs,
      passed: results.length - failed.length,
      failed: failed.length,
      cases: results.map((r) => ({
        id: r.case.id,
        title: r.case.title,
        expect: r.case.expect,
        pass: r.pass,
        got: r.got,
        reason: r.reason,
        status: r.exchange.reply?.status ?? null,
        totalMs: r.exchange.timing.totalMs,
        request: { method: r.exchange.request.method, url: r.exchange.request.url },
      })),
    });
    return failed.length === 0 ? 0 : 1;
  }
  const c = createColours(io);
  const expectText = {
    'valid-reply': `valid reply ≤${totalMs} ms`,
    '401': '401',
    '4xx': '4xx',
    '401-no-leak': '401, no leak',
  } as const;
  io.stdout.write(`${c.bold('spoke check')} ${target.url} (${options.kind})\n\n`);
  io.stdout.write(
    formatTable(
      ['#', 'case', 'expect', 'got', 'result'],
      results.map((r, i) => [
        String(i + 1),
        r.case.id,
        expectText[r.case.expect],
        r.got,
        r.pass ? c.green('pass') : c.red('FAIL'),
      ]),
    ),
  );
  if (failed.length > 0) io.stdout.write('\n');
  for (const r of failed) io.stdout.write(`${c.red('FAIL')} ${r.case.id} (${r.case.title}): ${r.reason}\n`);
  const summary = `\n${results.length - failed.length} of ${results.length} cases passed${failed.length ? `, ${failed.length} failed` : ''}\n`;
  io.stdout.write(failed.length ? c.red(summary) : c.green(summary));
  return failed.length === 0 ? 0 : 1;
}
