import { Signature } from '@hubspot/api-client';
import { createNodeTransport, dispatchActionHook, dispatchCardFetch } from '@spoke/emulator';
import type { HookMethod } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { type BareService, type SeenRequest, sendJson, startBareService } from './helpers/bare-service.ts';
import { app, cardFor, contact, legacyReply, portal, secret, user } from './helpers/dispatch-fixtures.ts';

// The official Node client's v3 check hashes the URL exactly as given, with no decoding step, so it
// accepts a legacy query only if the emulator writes `@` as HubSpot's own examples do. docs/protocol.md §2.2
const open: BareService[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((service) => service.close()));
});

async function serve(reply: unknown): Promise<BareService> {
  const service = await startBareService({ secret, handler: (_seen, res) => sendJson(res, 200, reply) });
  open.push(service);
  return service;
}

function header(seen: SeenRequest, name: string): string {
  const value = seen.headers[name];
  if (typeof value !== 'string') throw new Error(`no ${name} header`);
  return value;
}

/** What a service written from HubSpot's docs with `@hubspot/api-client` decides, v3 and v2. */
function officialVerdicts(seen: SeenRequest) {
  const common = { clientSecret: secret, requestBody: seen.body, url: seen.url, method: seen.method };
  return {
    v3: Signature.isValid({
      ...common,
      signatureVersion: 'v3',
      signature: header(seen, 'x-hubspot-signature-v3'),
      timestamp: Number(header(seen, 'x-hubspot-request-timestamp')),
    }),
    v2: Signature.isValid({
      ...common,
      signatureVersion: 'v2',
      signature: header(seen, 'x-hubspot-signature'),
    }),
  };
}

function only(service: BareService): SeenRequest {
  const [seen] = service.requests;
  if (!seen || service.requests.length !== 1)
    throw new Error(`expected one request, got ${service.requests.length}`);
  return seen;
}

const transport = () => createNodeTransport({ connectTimeoutMs: 1000, totalTimeoutMs: 2000 });

describe("@hubspot/api-client's Signature.isValid on what the emulator sends in legacy mode", () => {
  test('accepts a data fetch whose query carries e-mail addresses (v3 and v2)', async () => {
    const service = await serve(legacyReply());
    // The official client checks v3 age against the real clock, so the emulator signs with it too.
    await dispatchCardFetch({
      card: cardFor(`${service.url}/card`),
      record: contact,
      app,
      portal,
      user,
      transport: transport(),
      clock: Date.now,
    });
    const seen = only(service);
    expect(seen.url).toContain('userEmail=loggedinuser@hubspot.com');
    expect(seen.url).toContain('email=ada@example.com');
    expect(officialVerdicts(seen)).toEqual({ v3: true, v2: true });
    // Spoke's own verifier (which decodes %40 first) accepts the same request.
    expect(seen.verification).toMatchObject({ ok: true, version: 'v3' });
  });

  test.each(['GET', 'DELETE'] as HookMethod[])(
    'accepts an action hook with %s (fields in the query)',
    async (method) => {
      const service = await serve({ message: 'done' });
      await dispatchActionHook({
        action: {
          type: 'ACTION_HOOK',
          uri: `${service.url}/hook`,
          label: 'Do it',
          httpMethod: method,
          associatedObjectProperties: ['email', 'firstname'],
        },
        record: contact,
        app,
        portal,
        user,
        transport: transport(),
        clock: Date.now,
      });
      const seen = only(service);
      expect(seen.url).toContain('email=ada@example.com');
      expect(officialVerdicts(seen)).toEqual({ v3: true, v2: true });
    },
  );
});

describe("@hubspot/api-client's Signature.isValid on what the emulator sends in converter mode", () => {
  test('accepts a data fetch whose query writes @ as %40: hubspot.fetch signs v3 over the raw URL (docs/decisions/0011)', async () => {
    const service = await serve(legacyReply());
    await dispatchCardFetch({
      card: cardFor(`${service.url}/card`),
      record: contact,
      app,
      portal,
      user,
      mode: 'converter',
      transport: transport(),
      clock: Date.now,
    });
    const seen = only(service);
    expect(seen.url).toContain('userEmail=loggedinuser%40hubspot.com');
    expect(officialVerdicts(seen)).toEqual({ v3: true, v2: true });
    // Spoke's own verifier accepts it too, and says it matched the raw URL.
    expect(seen.verification).toMatchObject({ ok: true, version: 'v3', v3UrlForm: 'raw' });
  });
});
