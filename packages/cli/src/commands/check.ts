import { createNodeTransport } from '@spoke/emulator';
import { type HookMethod, limits, permittedUrlSchema, publicBaseUrlSchema } from '@spoke/protocol';
import type { CheckTarget } from '../check/base-requests.ts';
import { checkCases } from '../check/check-cases.ts';
import type { CheckKind, CheckMode } from '../check/check-request.ts';
import { diagnose } from '../check/diagnose.ts';
import { type CaseResult, checkTunnel, runCheck } from '../check/run-check.ts';
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
  /** Request shapes of the positive card and action cases. @default 'both' */
  mode?: CheckMode;
  /** The public base URL HubSpot would call: sign for it, deliver to `<url>`. */
  publicUrl?: string;
  /** The app's permittedUrls.fetch: the converter's calls are judged as production's hubspot.fetch would. */
  permittedUrl?: string[];
}

function permittedUrlsOption(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values.map((value) => {
    const parsed = permittedUrlSchema.safeParse(value);
    if (!parsed.success) {
      throw new SpokeCliError(
        'CLI_OPTION_INVALID',
        `--permitted-url ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? 'not a permittedUrls entry'}.`,
      );
    }
    return parsed.data;
  });
}

function publicUrlOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = publicBaseUrlSchema.safeParse(value);
  if (!parsed.success) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--public-url ${JSON.stringify(value)} is not a public base URL: pass the http(s) origin (and path prefix, if any) HubSpot calls, without query or fragment, e.g. https://app.example.com.`,
    );
  }
  return parsed.data;
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
  const mode = options.mode ?? 'both';
  const publicUrl = publicUrlOption(options.publicUrl);
  const permittedUrls = permittedUrlsOption(options.permittedUrl);
  const signedTarget = checkTunnel(target, publicUrl).target;
  // Without --base-url, card actions may point anywhere on the origin HubSpot calls (the public one).
  const baseUrlDefault = options.baseUrl === undefined || options.baseUrl.length === 0;
  const baseUrls = baseUrlDefault
    ? [new URL(signedTarget.url).origin]
    : (options.baseUrl ?? []).map((u) => parseUrlOption(u, '--base-url'));
  const totalMs = deadlineOption(options.deadline);
  const only = options.only
    ? options.only
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : [];
  const known = checkCases(options.kind, target, mode).map((c) => c.id);
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
      mode,
      ...(publicUrl === undefined ? {} : { publicUrl }),
      only,
      onCase: (c, i, n) => progress.update(`case ${i + 1}/${n}: ${c.id}`),
    }),
  );
  const failed = results.filter((r) => !r.pass);
  const signedUrl =
    results.find((r) => r.case.expect === 'valid-reply')?.signedUrl ?? results[0]?.signedUrl ?? target.url;
  const diagnosis = diagnose(results, {
    url: target.url,
    signedUrl,
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(permittedUrls === undefined ? {} : { permittedUrls }),
  });
  const baseUrlText = baseUrlDefault
    ? `card actions must start with ${baseUrls[0]} (the default: the origin HubSpot calls; HubSpot takes the card's actions.baseUrls, set them with --base-url)`
    : `card actions must start with ${baseUrls.join(' or ')} (--base-url)`;
  if (options.json) {
    writeJson(io, {
      ok: failed.length === 0,
      url: target.url,
      kind: options.kind,
      mode,
      publicUrl: publicUrl ?? null,
      permittedUrls: permittedUrls ?? null,
      baseUrls,
      baseUrlsDefault: baseUrlDefault,
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
        note: r.note ?? null,
        warning: r.warning ?? null,
        cause: r.cause ?? null,
        status: r.exchange.reply?.status ?? null,
        totalMs: r.exchange.timing.totalMs,
        request: { method: r.exchange.request.method, url: r.exchange.request.url, signedUrl: r.signedUrl },
      })),
      warnings: results.filter((r) => r.warning !== undefined).length,
      diagnosis,
    });
    return failed.length === 0 ? 0 : 1;
  }
  const c = createColours(io);
  const expectText = {
    'valid-reply': `valid reply ≤${totalMs} ms`,
    // Any non-2xx refuses, as at HubSpot; the usual status is in brackets.
    '401': 'refuse (401)',
    '4xx': 'refuse (4xx)',
    '401-no-leak': 'refuse (401), no leak',
  } as const;
  const via = publicUrl === undefined ? '' : `, signed for ${signedTarget.url}`;
  io.stdout.write(`${c.bold('spoke check')} ${target.url} (${options.kind}${via})\n`);
  if (options.kind === 'card') io.stdout.write(`${baseUrlText}\n`);
  io.stdout.write('\n');
  io.stdout.write(
    formatTable(
      ['#', 'case', 'expect', 'got', 'result'],
      results.map((r, i) => [
        String(i + 1),
        r.case.id,
        expectText[r.case.expect],
        r.got,
        !r.pass ? c.red('FAIL') : r.warning ? c.yellow('warn') : r.note ? c.green('pass*') : c.green('pass'),
      ]),
    ),
  );
  const failures = results.filter((r) => !r.pass);
  // Warnings and notes repeat across cases: one line per message, naming its cases.
  const grouped = new Map<string, string[]>();
  for (const r of results) {
    const remark = !r.pass
      ? undefined
      : r.warning
        ? `${c.yellow('warn')} %s: ${r.warning}`
        : r.note
          ? `${c.green('pass*')} %s: ${r.note}`
          : undefined;
    if (remark !== undefined) grouped.set(remark, [...(grouped.get(remark) ?? []), r.case.id]);
  }
  if (failures.length > 0 || grouped.size > 0) io.stdout.write('\n');
  // Failures with the same reason (a reply shape every case gets) share a line.
  const byReason = new Map<string, CaseResult[]>();
  for (const r of failures) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r]);
  for (const [reason, group] of byReason) {
    const [first] = group;
    const who =
      group.length === 1 && first
        ? `${first.case.id} (${first.case.title})`
        : group.map((r) => r.case.id).join(', ');
    io.stdout.write(`${c.red('FAIL')} ${who}: ${reason}\n`);
  }
  for (const [remark, ids] of grouped) io.stdout.write(`${remark.replace('%s', ids.join(', '))}\n`);
  const warned = results.filter((r) => r.warning !== undefined).length;
  const summary = `\n${results.length - failed.length} of ${results.length} cases passed${warned ? ` (${warned} with a warning)` : ''}${failed.length ? `, ${failed.length} failed` : ''}\n`;
  io.stdout.write(failed.length ? c.red(summary) : warned ? c.yellow(summary) : c.green(summary));
  for (const d of diagnosis) {
    const line = d.cause === 'healthy' ? d.summary : `${d.summary}. Fix: ${d.fix}.`;
    const paint =
      d.cause === 'healthy' || d.cause === 'other-status' ? c.green : failed.length ? c.red : c.yellow;
    io.stdout.write(`${paint(`diagnosis: ${line}`)}\n`);
  }
  return failed.length === 0 ? 0 : 1;
}
