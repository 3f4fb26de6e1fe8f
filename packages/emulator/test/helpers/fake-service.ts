import { verifySignature } from '@spoke/protocol';

/** What the fake service saw of one request, and whether its signature verified. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  signatureOk: boolean;
  at: number;
}

type Handler = (request: SeenRequest) => Response | Promise<Response>;

/**
 * A service as a fetch function (passed as `createEmulator({ fetch })`): it records every
 * request, verifies its signature with `secret`, and answers with `handler`.
 */
export function fakeService(handler: Handler, secret = 'secret-abc', now: () => number = Date.now) {
  const seen: SeenRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const body = await request.text();
    const headers = Object.fromEntries(request.headers);
    const result = verifySignature({
      secret,
      method: request.method,
      url: request.url,
      body,
      headers,
      now: now(),
    });
    const entry: SeenRequest = {
      method: request.method,
      url: request.url,
      headers,
      body,
      signatureOk: result.ok,
      at: Date.now(),
    };
    seen.push(entry);
    return handler(entry);
  };
  return { fetch, seen };
}

/** A JSON response. */
export function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

/** Waits `ms` (short real timers only). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A legacy card reply with `n` items, each with one action of each kind. */
export function legacyReply(n: number, base = 'https://service.test') {
  return {
    results: Array.from({ length: n }, (_, i) => ({
      objectId: i + 1,
      title: `Issue ${i + 1}`,
      link: `${base}/issues/${i + 1}`,
      status: 'open',
      properties: [{ label: 'Priority', dataType: 'STRING', value: 'HIGH' }],
      actions: [
        {
          type: 'IFRAME',
          width: 600,
          height: 400,
          uri: `${base}/edit`,
          label: 'Edit',
          associatedObjectProperties: ['email'],
        },
        {
          type: 'ACTION_HOOK',
          httpMethod: 'POST',
          uri: `${base}/close`,
          label: 'Close',
          associatedObjectProperties: ['firstname'],
        },
      ],
    })),
    totalCount: n,
  };
}
