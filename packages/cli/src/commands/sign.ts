import { type SignatureVersion, sign, sourceV1, sourceV2, sourceV3, type V3UrlForm } from '@spoke/protocol';
import type { ExitCode } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
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
  /**
   * The URL v3 is computed over: `decoded` (HubSpot's validation docs, legacy CRM cards) or `raw`
   * (hubspot.fetch, HubSpot's SDK and local-dev proxy; the emulator's converter mode). docs/decisions/0011
   * @default 'decoded'
   */
  v3Url?: V3UrlForm;
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
  const v3UrlForm = options.v3Url ?? 'decoded';
  const headers = sign({
    version: options.version,
    secret: options.secret,
    method,
    url,
    body: body.bytes,
    timestamp,
    v3UrlForm,
  });
  const versions: SignatureVersion[] = options.version === 'all' ? ['v2', 'v3'] : [options.version];
  if (options.json) {
    const hashed: Partial<Record<SignatureVersion, string>> = {};
    for (const version of versions) {
      if (version === 'v1') hashed.v1 = sourceV1({ body: body.bytes });
      if (version === 'v2') hashed.v2 = sourceV2({ method, url, body: body.bytes });
      if (version === 'v3')
        hashed.v3 = sourceV3({ method, url, body: body.bytes, timestamp, urlForm: v3UrlForm });
    }
    writeJson(io, {
      ok: true,
      method,
      url,
      versions,
      timestamp,
      ...(versions.includes('v3') ? { v3UrlForm } : {}),
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
