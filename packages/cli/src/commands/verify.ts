import type { ExitCode } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { writeJson } from '../output/write-json.ts';
import { explainSignature, type SignatureExplanation } from '../signing/explain-signature.ts';
import { parseHeaderOptions } from '../signing/parse-header-option.ts';
import { parseMethodOption, parseTimestampOption, parseUrlOption } from '../signing/parse-url-option.ts';
import { readBodyOption } from '../signing/read-body-option.ts';

/** Options of `spoke verify`, as commander parses them. */
export interface VerifyCommandOptions {
  secret: string;
  url: string;
  method?: string;
  body?: string;
  header?: string[];
  now?: string;
  json?: boolean;
}

function render(
  io: CliIo,
  request: { method: string; url: string; bytes: number },
  result: SignatureExplanation,
): void {
  const c = createColours(io);
  const out = (line = '') => io.stdout.write(`${line}\n`);
  out(`${c.bold('request')}  ${request.method} ${request.url} (${request.bytes} bytes of body)`);
  if (result.timestamp !== null) {
    const age =
      result.timestampAgeMs === null
        ? 'not digits'
        : `${Math.round(result.timestampAgeMs / 1000)} s before --now`;
    out(`${c.bold('timestamp')}  ${result.timestamp} (${age})`);
  }
  if (result.checks.length === 0) out(c.yellow('no signature header to check'));
  for (const check of result.checks) {
    out();
    out(`${c.bold(check.version)}  ${check.ok ? c.green('valid') : c.red(`invalid: ${check.code}`)}`);
    if (check.hashed !== null) {
      const how = check.version === 'v3' ? ' (HMAC-SHA256 keyed with the client secret)' : ' (SHA-256)';
      out(`  hashed ${JSON.stringify(check.hashed)}${how}`);
    }
    if (check.hashedRaw !== null) out(`  or     ${JSON.stringify(check.hashedRaw)} (the raw URL)`);
    if (check.urlNote !== null) out(`  url    ${check.urlNote}`);
    if (check.message) out(`  why    ${check.message}`);
    for (const hint of check.hints) out(`  try    ${hint}`);
  }
  out();
  if (result.ok)
    out(
      c.green(
        `verdict: valid (${result.version}); a service following docs/protocol.md accepts this request.`,
      ),
    );
  else out(c.red(`verdict: invalid; a service following docs/protocol.md answers 401 (${result.code}).`));
  if (!result.ok && result.checks.length === 0 && result.message) out(result.message);
}

/** Explains whether a captured request's signatures are valid, what was hashed, and what to try. */
export async function runVerify(options: VerifyCommandOptions, io: CliIo): Promise<ExitCode> {
  const url = parseUrlOption(options.url);
  const body = await readBodyOption(options.body, io);
  const method = parseMethodOption(options.method ?? (body.bytes.length > 0 ? 'POST' : 'GET'));
  const headers = parseHeaderOptions(options.header ?? []);
  const now = options.now === undefined ? io.now() : parseTimestampOption(options.now, '--now');
  const result = explainSignature({ secret: options.secret, method, url, body: body.bytes, headers, now });
  if (options.json) writeJson(io, { ...result, method, url, bodyBytes: body.bytes.length });
  else render(io, { method, url, bytes: body.bytes.length }, result);
  return result.ok ? 0 : 1;
}
