import { type SignatureVersion, sign, sourceV1, sourceV2, sourceV3 } from '@spoke/protocol';
import { Command, Option } from 'commander';
import type { ExitCode } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { runCommand } from '../output/run-command.ts';
import { writeJson } from '../output/write-json.ts';
import { parseMethodOption, parseTimestampOption, parseUrlOption } from '../signing/parse-url-option.ts';
import { type BodyOption, readBodyOption } from '../signing/read-body-option.ts';
import { shellQuote } from '../signing/shell-quote.ts';

/** Options of `spoke sign`, as commander parses them. */
export interface SignCommandOptions {
  secret: string;
  url: string;
  method?: string;
  body?: string;
  timestamp?: string;
  version: SignatureVersion | 'all';
  curl?: boolean;
  json?: boolean;
}

function curlCommand(method: string, url: string, headers: Record<string, string>, body: BodyOption): string {
  const parts = [`curl -sS -X ${method} ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (body.bytes.length > 0) {
    const text = body.bytes.toString('utf8');
    const looksJson = (() => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    })();
    if (looksJson) parts.push(`-H ${shellQuote('Content-Type: application/json')}`);
    // --data-binary sends the bytes untouched; -d would strip newlines and break the signature.
    parts.push(
      body.from === 'file' && body.path
        ? `--data-binary @${shellQuote(body.path)}`
        : `--data-binary ${shellQuote(text)}`,
    );
  }
  return parts.join(' \\\n  ');
}

/** Signs one request as the platform would and prints the headers, a curl command or JSON. */
export async function runSign(options: SignCommandOptions, io: CliIo): Promise<ExitCode> {
  const url = parseUrlOption(options.url);
  const body = await readBodyOption(options.body, io);
  const method = parseMethodOption(options.method ?? (body.bytes.length > 0 ? 'POST' : 'GET'));
  const timestamp = options.timestamp === undefined ? io.now() : parseTimestampOption(options.timestamp);
  const headers = sign({
    version: options.version,
    secret: options.secret,
    method,
    url,
    body: body.bytes,
    timestamp,
  });
  const versions: SignatureVersion[] = options.version === 'all' ? ['v2', 'v3'] : [options.version];
  if (options.json) {
    const hashed: Partial<Record<SignatureVersion, string>> = {};
    for (const version of versions) {
      if (version === 'v1') hashed.v1 = sourceV1({ body: body.bytes });
      if (version === 'v2') hashed.v2 = sourceV2({ method, url, body: body.bytes });
      if (version === 'v3') hashed.v3 = sourceV3({ method, url, body: body.bytes, timestamp });
    }
    writeJson(io, {
      ok: true,
      method,
      url,
      versions,
      timestamp,
      bodyBytes: body.bytes.length,
      headers,
      hashed,
    });
    return 0;
  }
  if (options.curl) {
    io.stdout.write(`${curlCommand(method, url, headers, body)}\n`);
    return 0;
  }
  for (const [name, value] of Object.entries(headers)) io.stdout.write(`${name}: ${value}\n`);
  return 0;
}

/** `spoke sign`: print the signature headers (or a curl command) for one request. */
export function signCommand(io: CliIo): Command {
  return new Command('sign')
    .summary('sign a request as HubSpot would and print its headers or a curl command')
    .description(
      "Sign one request with the app's client secret exactly as the platform does (v2 and v3 by default, a fresh timestamp) and print the X-HubSpot-* headers, a ready curl command (--curl) or JSON (--json).",
    )
    .requiredOption('--secret <secret>', "the app's client secret")
    .requiredOption('--url <url>', 'the full public URL the request goes to, query included')
    .option('--method <method>', 'HTTP method (default: POST with a body, GET without)')
    .option('--body <body>', "the raw body: text, @file for a file's bytes, - for stdin")
    .option('--timestamp <ms>', 'epoch milliseconds for v3 (default: now)')
    .addOption(
      new Option('--version <version>', 'which signature to produce')
        .choices(['v1', 'v2', 'v3', 'all'])
        .default('all'),
    )
    .option('--curl', 'print a curl command that sends the signed request')
    .option('--json', 'print one JSON document: headers and the exact strings hashed (secret elided)')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke sign --secret s3cret --method POST --url https://example.com/hook --body '{"a":1}'
  $ spoke sign --secret s3cret --url 'https://example.com/card?portalId=1' --curl`,
    )
    .action((options: SignCommandOptions) =>
      runCommand(io, options.json === true, () => runSign(options, io)),
    );
}
