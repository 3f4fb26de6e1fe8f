import type { FetchLike } from '../../src/dispatch/index.ts';

/** A request an in-process fake service received. */
export interface RecordedCall {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  redirect: Request['redirect'];
}

/** A fake `fetch` that records each request and answers with `handler`. */
export function recordingFetch(handler: (call: RecordedCall) => Response | Promise<Response>): {
  fetch: FetchLike;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  return {
    calls,
    fetch: async (request) => {
      const call: RecordedCall = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.text(),
        redirect: request.redirect,
      };
      calls.push(call);
      return handler(call);
    },
  };
}

/** A JSON `Response`. */
export function jsonResponse(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}
