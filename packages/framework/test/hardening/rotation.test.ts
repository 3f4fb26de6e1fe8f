import type { SignatureVersion } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { buildHardeningApp } from './app.ts';
import { jsonBody } from './check-outcome.ts';
import { sendRaw } from './raw-http.ts';
import { buildRequest, validSpecs } from './requests.ts';
import { adapterNames, type Served, startServer } from './servers.ts';

const newSecret = 'rotated-secret-2026-b7e1';
const oldSecret = 'original-secret-2024-93a0';
const strangerSecret = 'some-other-app-secret-0000';

/** A GET (no body: v2 and v3 only) and a POST of each body encoding. */
const requests = validSpecs().filter(({ name }) =>
  ['crm-card fetch', 'action-hook POST form', 'channel-connection', 'share-via SHARE_OBJECT'].includes(name),
);

/** Rotation is checked for every version, so the apps accept the legacy ones too (not the default). */
const everyVersion = { acceptSignatureVersions: ['v3', 'v2', 'v1'] } as const;

function versionsFor(hasBody: boolean): (SignatureVersion | 'all')[] {
  return hasBody ? ['v1', 'v2', 'v3', 'all'] : ['v2', 'v3', 'all'];
}

describe.each(adapterNames)('secret rotation over %s', (adapter) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  test('while rotating, requests signed with the new or the old secret are accepted (v1, v2, v3)', async () => {
    const { app, calls } = buildHardeningApp({ clientSecrets: [newSecret, oldSecret], ...everyVersion });
    served = await startServer(adapter, app);
    let sent = 0;
    for (const { name, spec } of requests) {
      for (const secret of [newSecret, oldSecret, strangerSecret]) {
        for (const version of versionsFor(spec.body !== undefined)) {
          const id = `${name}/${secret}/${version}`;
          sent += 1;
          const outcome = await sendRaw(
            served,
            buildRequest(served.origin, id, { ...spec, signing: { secret, version } }),
            {
              deadlineMs: 5_000,
            },
          );
          const status = outcome.kind === 'response' ? outcome.status : outcome.kind;
          if (secret === strangerSecret) {
            expect([id, status, jsonBody(outcome)?.code]).toEqual([id, 401, 'SIGNATURE_MISMATCH']);
            expect(calls.byCase.get(id), id).toBeUndefined();
          } else {
            expect([id, status]).toEqual([id, 200]);
            expect(calls.byCase.get(id), id).toBe(1);
          }
        }
      }
    }
    expect(sent).toBe(45);
  });

  test('once the old secret is removed, it is refused with 401 SIGNATURE_MISMATCH and no handler runs', async () => {
    const { app, calls } = buildHardeningApp({ clientSecret: newSecret, ...everyVersion });
    served = await startServer(adapter, app);
    for (const { name, spec } of requests) {
      for (const version of versionsFor(spec.body !== undefined)) {
        const old = `${name}/old/${version}`;
        const refused = await sendRaw(
          served,
          buildRequest(served.origin, old, { ...spec, signing: { secret: oldSecret, version } }),
          {
            deadlineMs: 5_000,
          },
        );
        expect(refused.kind === 'response' && [refused.status, jsonBody(refused)?.code]).toEqual([
          401,
          'SIGNATURE_MISMATCH',
        ]);
        expect(calls.byCase.get(old), old).toBeUndefined();
        const current = `${name}/new/${version}`;
        const accepted = await sendRaw(
          served,
          buildRequest(served.origin, current, { ...spec, signing: { secret: newSecret, version } }),
          {
            deadlineMs: 5_000,
          },
        );
        expect(accepted.kind === 'response' && accepted.status, current).toBe(200);
        expect(calls.byCase.get(current), current).toBe(1);
      }
    }
  });
});
