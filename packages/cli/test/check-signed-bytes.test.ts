import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Signature } from '@hubspot/api-client';
import { createNodeTransport, dispatchActionHook, dispatchCardFetch } from '@spoke/emulator';
import { verifySignature } from '@spoke/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CheckTarget,
  checkAction,
  checkCard,
  checkScope,
  type RecordVariant,
} from '../src/check/base-requests.ts';
import { runCheck } from '../src/check/run-check.ts';

// Every positive `spoke check` case sends exactly the bytes it signed, the same bytes the emulator
// sends for the same record, and the official client (@hubspot/api-client) takes them. The test
// reads what the shared query builder produces rather than spelling any URL out.

const secret = 'signed-bytes-secret';

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: IncomingHttpHeaders;
}

let origin = '';
const seen: Seen[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: `${origin}${req.url}`, body, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.startsWith('/card') ? '{"results":[{"objectId":1,"title":"One"}]}' : '{}');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const transport = createNodeTransport({ connectTimeoutMs: 1000, totalTimeoutMs: 3000 });

function target(path: string, method: 'GET' | 'POST' | 'DELETE' = 'POST'): CheckTarget {
  return {
    url: `${origin}${path}`,
    app: { id: 1000, clientSecret: secret },
    portal: { id: 62515 },
    user: { id: 1, email: 'dev@spoke.local' },
    method,
  };
}

function header(request: Seen, name: string): string {
  const value = request.headers[name];
  if (typeof value !== 'string') throw new Error(`no ${name} header`);
  return value;
}

// HubSpot decodes these escapes before computing v3; the official client does not. docs/protocol.md §1.
const decodedByV3 = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/i;

/**
 * Whether @hubspot/api-client (which hashes the raw URL) takes the v3 signature: always for a
 * converter case (signed raw, as the emulator signs hubspot.fetch's calls), for a legacy one only
 * when decoding changes nothing. docs/decisions/0011
 */
function officialTakesV3(mode: 'legacy' | 'converter', url: string): boolean {
  return mode === 'converter' || !decodedByV3.test(url);
}

/** What a service verifying with @hubspot/api-client decides, and what Spoke's own verifier does. */
function verdicts(request: Seen) {
  const common = {
    clientSecret: secret,
    requestBody: request.body,
    url: request.url,
    method: request.method,
  };
  const timestamp = header(request, 'x-hubspot-request-timestamp');
  return {
    officialV2: Signature.isValid({
      ...common,
      signatureVersion: 'v2',
      signature: header(request, 'x-hubspot-signature'),
    }),
    officialV3: Signature.isValid({
      ...common,
      signatureVersion: 'v3',
      signature: header(request, 'x-hubspot-signature-v3'),
      timestamp: Number(timestamp),
    }),
    spoke: verifySignature({
      secret,
      method: request.method,
      url: request.url,
      body: request.body,
      headers: request.headers,
      acceptVersions: ['v3'],
    }).ok,
  };
}

const variants: { id: string; variant: RecordVariant; mode: 'legacy' | 'converter' }[] = [
  { id: 'valid', variant: 'typical', mode: 'legacy' },
  { id: 'converter', variant: 'typical', mode: 'converter' },
  { id: 'absent-properties', variant: 'absent', mode: 'legacy' },
  { id: 'unicode', variant: 'unicode', mode: 'legacy' },
  { id: 'absent-properties-converter', variant: 'absent', mode: 'converter' },
  { id: 'unicode-converter', variant: 'unicode', mode: 'converter' },
];

describe('spoke check sends the bytes it signed, as the emulator does', () => {
  test('card data fetches: check, the emulator and the official client agree for every positive case', async () => {
    const checked = target('/card');
    for (const { id, variant, mode } of variants) {
      seen.length = 0;
      const [result] = await runCheck({
        kind: 'card',
        target: checked,
        baseUrls: [origin],
        transport,
        now: Date.now,
        only: [id],
      });
      await dispatchCardFetch({
        card: checkCard(checked),
        mode,
        // spoke check's card is made up from its options, not a definition the converter checks.
        checkDefinition: false,
        ...checkScope(checked, variant),
        transport,
        clock: Date.now,
      });
      const [fromCheck, fromEmulator] = seen;
      expect([id, result?.pass, result?.reason]).toEqual([id, true, '']);
      // Byte for byte what the emulator sends for the same record.
      expect([id, fromCheck?.url, fromCheck?.body]).toEqual([id, fromEmulator?.url, fromEmulator?.body]);
      // What was signed is what arrived.
      expect(result?.exchange.signature.sources.v2).toBe(`<secret>GET${fromCheck?.url}`);
      if (!fromCheck) throw new Error('nothing received');
      expect([id, verdicts(fromCheck)]).toEqual([
        id,
        { officialV2: true, officialV3: officialTakesV3(mode, fromCheck.url), spoke: true },
      ]);
      // Converter cases are signed as hubspot.fetch signs them: v3 over the raw URL. docs/decisions/0011
      expect([id, result?.exchange.signature.v3UrlForm]).toEqual([
        id,
        mode === 'converter' ? 'raw' : 'decoded',
      ]);
    }
  });

  test('the unicode case arrives with the bytes it signed (a quote is %27 on the wire and in the signature)', async () => {
    seen.length = 0;
    const [result] = await runCheck({
      kind: 'card',
      target: target('/card'),
      baseUrls: [origin],
      transport,
      now: Date.now,
      only: ['unicode'],
    });
    const url = seen[0]?.url ?? '';
    expect(url).toContain('O%27Brien');
    expect(result?.exchange.request.url).toBe(url);
    expect(result?.signedUrl).toBe(url);
  });

  test.each(['POST', 'GET', 'DELETE'] as const)(
    '%s action hooks: check, the emulator and the official client agree',
    async (method) => {
      const checked = target('/hook', method);
      const ids = {
        valid: 'legacy-encoding',
        converter: 'converter-encoding',
      } as Record<string, string>;
      for (const { id, variant, mode } of variants) {
        const caseId = ids[id] ?? id;
        seen.length = 0;
        const [result] = await runCheck({
          kind: 'action',
          target: checked,
          baseUrls: [origin],
          transport,
          now: Date.now,
          only: [caseId],
        });
        await dispatchActionHook({
          action: checkAction(checked),
          mode,
          ...checkScope(checked, variant),
          app: checked.app,
          transport,
          clock: Date.now,
        });
        const [fromCheck, fromEmulator] = seen;
        if (!fromCheck) throw new Error('nothing received');
        expect([caseId, result?.pass]).toEqual([caseId, true]);
        expect([caseId, fromCheck.method, fromCheck.url, fromCheck.body]).toEqual([
          caseId,
          fromEmulator?.method,
          fromEmulator?.url,
          fromEmulator?.body,
        ]);
        expect([caseId, verdicts(fromCheck)]).toEqual([
          caseId,
          { officialV2: true, officialV3: officialTakesV3(mode, fromCheck.url), spoke: true },
        ]);
      }
    },
  );
});
