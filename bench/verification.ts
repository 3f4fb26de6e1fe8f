import { Signature } from '@hubspot/api-client';
import { type SignatureVersion, sign, type verifySignature } from '@spoke/protocol';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { importCompiledProtocol } from './lib/compile-protocol.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { measureCpuOps } from './lib/measure-ops.ts';
import {
  verifyV1ByHand,
  verifyV1OneShot,
  verifyV2ByHand,
  verifyV2OneShot,
  verifyV3ByHand,
} from './lib/verify-by-hand.ts';

const secret = 'bench-0000-client-secret-0000';
// No escape that v3 decodes, so the official client (which skips the decode step) agrees. docs/protocol.md §1
const url =
  'https://www.example.com/hubspot/share/feature/SHARE_VIA/event/SHARE_OBJECT?portalId=62515&userId=123';
const method = 'POST';

/** A small body (a Share Via SHARE_OBJECT request) and a 64 KiB one. */
export function verificationBodies(): Record<'small' | '64k', string> {
  const small = JSON.stringify({
    portalId: 62515,
    appId: 54321,
    payload: {
      sender: { id: 2387654 },
      recipient: { id: 'R2', name: 'Recipient Two', type: 1 },
      message: 'Q3',
    },
  });
  const filler = 'x'.repeat(64 * 1024 - 30);
  const big = JSON.stringify({ portalId: 62515, note: filler }).slice(0, 64 * 1024);
  return { small, '64k': big.padEnd(64 * 1024, ' ') };
}

/** `verifySignature` as a published build runs it. */
type Verify = typeof verifySignature;

interface Case {
  version: SignatureVersion;
  size: 'small' | '64k';
  /** The compiled protocol (what users run). */
  spoke: () => boolean;
  /** The fair baseline: node:crypto by hand, one `update()`, `timingSafeEqual`. */
  bare: () => boolean;
  /** HubSpot's official client, `Signature.isValid`. */
  official: () => boolean;
  /** v1/v2 only: the fair baseline with Node's one-shot `crypto.hash()`, as Spoke hashes small text. */
  oneShot?: () => boolean;
}

function buildCase(version: SignatureVersion, size: 'small' | '64k', text: string, compiled: Verify): Case {
  // All three get the same input: the body as text (as the official client takes it, and as
  // `await c.req.text()` hands it over in hono).
  const body = text;
  const timestamp = Date.now();
  const signed = sign({ version, secret, method, url, body, timestamp });
  // As node:http hands them over: lower-case names, with the usual other headers around.
  const headers: Record<string, string> = {
    host: 'www.example.com',
    'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/)',
    accept: 'application/json',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-hubspot-correlation-id': '7b1c2d3e-0000-4000-8000-000000000000',
    ...Object.fromEntries(Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const signature = headers['x-hubspot-signature-v3'] ?? headers['x-hubspot-signature'];
  const check = { secret, method, url, body, signature };
  // Built once, as a hand-written handler reads its two or three headers straight off req.headers.
  const hexCheck = { ...check, signature: headers['x-hubspot-signature'] };
  const v3Check = {
    ...check,
    signature: headers['x-hubspot-signature-v3'],
    timestamp: headers['x-hubspot-request-timestamp'],
  };
  const acceptVersions = [version];
  const bare = {
    v1: () => verifyV1ByHand(hexCheck),
    v2: () => verifyV2ByHand(hexCheck),
    v3: () => verifyV3ByHand(v3Check),
  }[version];
  return {
    version,
    size,
    // Each version measured as a service that accepts it would check it (the default is v3 only),
    // without `now`: v3 reads the clock itself, as the official client does; v1 and v2 read none.
    spoke: () => compiled({ secret, method, url, body, headers, acceptVersions }).ok,
    bare,
    ...(version === 'v3'
      ? {}
      : { oneShot: () => (version === 'v1' ? verifyV1OneShot(hexCheck) : verifyV2OneShot(hexCheck)) }),
    official: () =>
      Signature.isValid({
        signatureVersion: version,
        signature: signature ?? '',
        method,
        url,
        requestBody: text,
        clientSecret: secret,
        timestamp: timestamp,
      }),
  };
}

/** The six cases (v1, v2, v3 × small, 64 KiB), each checked to verify before it is timed. */
export async function verificationCases(): Promise<Case[]> {
  const bodies = verificationBodies();
  const compiled = (await importCompiledProtocol()).verifySignature;
  const cases = (['v1', 'v2', 'v3'] as const).flatMap((version) =>
    (['small', '64k'] as const).map((size) => buildCase(version, size, bodies[size], compiled)),
  );
  for (const each of cases) {
    const verdicts = [each.spoke(), each.bare(), each.official(), each.oneShot?.() ?? true];
    if (!verdicts.every(Boolean)) {
      throw new Error(
        `[bench] ${each.version} ${each.size}: spoke/bare/official/one-shot verified ${verdicts.join('/')}`,
      );
    }
  }
  return cases;
}

/**
 * 2. Verification: `verifySignature` (compiled, as published) against the fair hand-written
 * `node:crypto` check (one `update()` over the whole source, `timingSafeEqual`) and the official
 * `@hubspot/api-client` `Signature.isValid`, in-process, rounds interleaved. Spoke's side does the
 * whole docs/protocol.md §1 check (header lookup, duplicate refusal, timestamp digits and window,
 * both v3 URL forms when they differ, constant-time compare); the official client skips most of it.
 * Counted per CPU second (`measureCpuOps`): the machine is shared, and waiting for a core is no one's cost.
 */
export async function verification({ quick }: BenchOptions): Promise<BenchResult[]> {
  const rounds = quick ? 2 : 9;
  const ms = quick ? 20 : 250;
  const results: BenchResult[] = [];
  for (const each of await verificationCases()) {
    const runs: [string, () => boolean][] = [
      ['spoke', each.spoke],
      ['bare', each.bare],
      ['official', each.official],
    ];
    if (each.oneShot) runs.push(['oneShot', each.oneShot]);
    const contenders = runs.map(([key, run]) => ({ key, measure: async () => measureCpuOps(run, ms) }));
    for (const contender of contenders) await contender.measure();
    const samples = await interleave(rounds, contenders);
    const label = `verify.${each.version}.${each.size}`;
    const spoke = samplesOf(samples, 'spoke');
    const path =
      'verifySignature compiled (as published); every contender given the body as text; ops per CPU second';
    results.push(
      compareRounds({
        name: `${label}.vs-bare`,
        baseline: 'node:crypto by hand: one update, timingSafeEqual',
        unit: 'ops/s',
        better: 'higher',
        target: 0.95,
        values: spoke,
        baselineValues: samplesOf(samples, 'bare'),
        note: path,
      }),
      compareRounds({
        name: `${label}.vs-official`,
        baseline: '@hubspot/api-client Signature.isValid',
        unit: 'ops/s',
        better: 'higher',
        target: 1,
        values: spoke,
        baselineValues: samplesOf(samples, 'official'),
        note: path,
      }),
    );
    if (each.oneShot) {
      results.push(
        compareRounds({
          name: `${label}.vs-one-shot`,
          baseline: 'node:crypto by hand: crypto.hash() one-shot, timingSafeEqual',
          unit: 'ops/s',
          better: 'higher',
          target: null,
          values: spoke,
          baselineValues: samplesOf(samples, 'oneShot'),
          note: `${path}; no target: Spoke hashes a small text body with crypto.hash() too, and this row shows what the header, duplicate and constant-time checks cost beside it`,
        }),
      );
    }
  }
  return results;
}
