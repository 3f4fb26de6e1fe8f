import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RenderedAction } from '@spoke/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { app, cardFor, cardTargetUrl, fetchCard, fireHook } from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse } from '../../test/helpers/recording-fetch.ts';
import type { DispatchCardFetchOptions } from './card-fetch.ts';
import type { ExchangeReply } from './exchange.ts';
import { createNodeTransport } from './node-transport.ts';
import { elideMiddle, maxReasonChars, serviceReason } from './status-reason.ts';

function reply(body: string, contentType?: string, status = 500): ExchangeReply {
  return { status, headers: contentType ? { 'content-type': contentType } : {}, body, truncated: false };
}

/** The exchange of the fixture's card fetch, answered with `answer()`; `options` override the fetch's fields. */
async function exchangeOf(answer: () => Response, options: Partial<DispatchCardFetchOptions> = {}) {
  return (await fetchCard(answer, options).result).exchange;
}

const railsPage = `<!DOCTYPE html>
<html>
<head>
  <title>We're sorry, but something went wrong (500)</title>
  <style>body { background-color: #EFEFEF; }</style>
</head>
<body>
  <div class="dialog"><div>
    <h1>We're sorry, but something went wrong.</h1>
  </div>
  <p>If you are the application owner check the logs for more information.</p></div>
</body>
</html>`;

const expressPage =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /hubspot/card</pre>\n</body>\n</html>\n';

describe('serviceReason', () => {
  test("reads a Spoke service's {code, message}", () => {
    const body = JSON.stringify({
      code: 'SIGNATURE_MISMATCH',
      message: "[spoke] the request's signature does not match it.",
    });
    expect(serviceReason(reply(body, 'application/json'))).toBe(
      "SIGNATURE_MISMATCH: [spoke] the request's signature does not match it.",
    );
  });

  test("reads HubSpot's error shape {status, message, category, correlationId}", () => {
    const body = JSON.stringify({
      status: 'error',
      message: 'Property values were not valid',
      correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf',
      category: 'VALIDATION_ERROR',
    });
    expect(serviceReason(reply(body, 'application/json'))).toBe(
      'VALIDATION_ERROR: Property values were not valid',
    );
  });

  test('reads {error}, {error: {message}}, {errors: [...]} and {detail}', () => {
    expect(serviceReason(reply('{"error":"invalid signature"}', 'application/json'))).toBe(
      'invalid signature',
    );
    expect(serviceReason(reply('{"error":{"code":"E_AUTH","message":"bad token"}}'))).toBe(
      'E_AUTH: bad token',
    );
    expect(serviceReason(reply('{"errors":[{"message":"record not linked"}]}'))).toBe('record not linked');
    expect(serviceReason(reply('{"detail":"Not Found"}', 'application/json'))).toBe('Not Found');
  });

  test("reads Fastify's, OAuth's, RFC 9457's and FastAPI's error shapes", () => {
    const read = (value: unknown) => serviceReason(reply(JSON.stringify(value), 'application/json'));
    expect(read({ statusCode: 401, error: 'Unauthorized', message: 'Invalid signature' })).toBe(
      'Unauthorized: Invalid signature',
    );
    expect(read({ error: 'invalid_request', error_description: 'signature expired' })).toBe(
      'invalid_request: signature expired',
    );
    expect(read({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'bad HMAC' })).toBe(
      'Forbidden: bad HMAC',
    );
    expect(read({ detail: [{ loc: ['query', 'portalId'], msg: 'field required', type: 'missing' }] })).toBe(
      'field required',
    );
  });

  test('shows other JSON compactly', () => {
    expect(serviceReason(reply('{ "ok" : false,\n "n": 3 }', 'application/json'))).toBe('{"ok":false,"n":3}');
  });

  test("takes an HTML page's title, and its heading when that adds something", () => {
    expect(serviceReason(reply(railsPage, 'text/html; charset=utf-8'))).toBe(
      "We're sorry, but something went wrong (500)",
    );
    expect(
      serviceReason(
        reply('<html><head><title>Oops</title></head><body><h1>Database is down</h1></body></html>'),
      ),
    ).toBe('Oops — Database is down');
  });

  test("adds the page's text when title and heading are too short to explain (Express's default page)", () => {
    expect(serviceReason(reply(expressPage, 'text/html; charset=utf-8', 404))).toBe(
      'Error — Cannot GET /hubspot/card',
    );
  });

  test('strips tags, scripts and entities from a page without a title', () => {
    const page =
      '<div><script>var x = "<b>";</script><p>Access&nbsp;denied &amp; logged</p>\n\n<p>ref 42</p></div>';
    expect(serviceReason(reply(page, 'text/html'))).toBe('Access denied & logged ref 42');
  });

  test('reads plain text, collapsing whitespace (a PHP error)', () => {
    const php =
      'PHP Fatal error:  Uncaught Error: Call to undefined function hash_hmac_v2()\n  in /var/www/card.php:12\nStack trace:\n#0 {main}';
    expect(serviceReason(reply(php, 'text/plain'))).toBe(
      'PHP Fatal error: Uncaught Error: Call to undefined function hash_hmac_v2() in /var/www/card.php:12 Stack trace: #0 {main}',
    );
  });

  test('is null for an empty or blank body', () => {
    expect(serviceReason(reply(''))).toBeNull();
    expect(serviceReason(reply(' \n '))).toBeNull();
  });

  test('caps a huge body', () => {
    const reason = serviceReason(reply('x'.repeat(100_000), 'text/plain'));
    expect(reason?.length).toBe(maxReasonChars);
    expect(reason?.endsWith('…')).toBe(true);
  });

  test('reads hostile pages of 1 MB in linear time', () => {
    const pages = [
      '<'.repeat(1_048_576),
      '<title'.repeat(174_762),
      '<title>'.repeat(149_796),
      `<html>${'<script>'.repeat(100_000)}`,
      `<h1>${'<h2><h3 '.repeat(100_000)}`,
      `<p>${'&#x'.repeat(300_000)}`,
      `<div>${' \t'.repeat(500_000)}x`,
    ];
    for (const page of pages) {
      const started = performance.now();
      serviceReason(reply(page, 'text/html'));
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  test('reads a JSON body cut off by the size cap as text', () => {
    expect(serviceReason(reply('{"message":"too lo', 'application/json'))).toBe('{"message":"too lo');
  });
});

describe('elideMiddle', () => {
  test('keeps short URLs whole and cuts the middle of long ones', () => {
    expect(elideMiddle('https://a.example/card', 40)).toBe('https://a.example/card');
    const long = `https://a.example/card?${'q'.repeat(200)}&portalId=987654`;
    const cut = elideMiddle(long, 60);
    expect(cut).toHaveLength(60);
    expect(cut.startsWith('https://a.example/card?')).toBe(true);
    expect(cut.endsWith('portalId=987654')).toBe(true);
  });
});

describe('an error status on a data fetch', () => {
  test('401 with {code, message}: status, reason, URL, then the signature advice, also as fields', async () => {
    const exchange = await exchangeOf(() =>
      jsonResponse(
        { code: 'SIGNATURE_MISMATCH', message: "the request's signature does not match it." },
        401,
      ),
    );
    const error = exchange.error;
    expect(error).toMatchObject({
      code: 'DISPATCH_STATUS_NOT_OK',
      status: 401,
      statusText: 'Unauthorized',
      reason: "SIGNATURE_MISMATCH: the request's signature does not match it.",
      url: exchange.request.url,
    });
    const message = error?.message ?? '';
    expect(message.startsWith('Service answered 401 Unauthorized: SIGNATURE_MISMATCH')).toBe(true);
    expect(message.indexOf('SIGNATURE_MISMATCH')).toBeLessThan(message.indexOf(exchange.request.url));
    expect(message).toContain(`(GET ${exchange.request.url})`);
    expect(error?.hint).toContain('signature panel');
    expect(error?.hint).toContain('spoke verify');
  });

  test('401 names the public URL the call was signed for, or suggests one when there is none', async () => {
    const plain = await exchangeOf(() => new Response('', { status: 401 }));
    expect(plain.error?.hint).toContain("needs the app's publicUrl");
    const exchange = await exchangeOf(() => new Response('', { status: 401 }), {
      app: { ...app, publicUrl: 'https://app.example.com/hs' },
    });
    expect(exchange.error?.hint).toContain(
      'signed for the public URL https://app.example.com/hs/hubspot/card?',
    );
  });

  test('403 gets the same signature advice', async () => {
    const exchange = await exchangeOf(() => new Response('Forbidden', { status: 403 }));
    expect(exchange.error).toMatchObject({ status: 403, reason: 'Forbidden' });
    expect(exchange.error?.hint).toContain('signature');
  });

  test('404 and 405 say HubSpot fetches cards with GET', async () => {
    const missing = await exchangeOf(
      () => new Response(expressPage, { status: 404, headers: { 'content-type': 'text/html' } }),
    );
    expect(missing.error).toMatchObject({ status: 404, reason: 'Error — Cannot GET /hubspot/card' });
    expect(missing.error?.hint).toContain('HubSpot always fetches card data with GET');
    const method = await exchangeOf(() => new Response('', { status: 405, headers: { allow: 'POST' } }));
    expect(method.error).toMatchObject({ status: 405, reason: null });
    expect(method.error?.hint).toContain('(it allows POST)');
    expect(method.error?.message).toContain('405 Method Not Allowed with an empty body');
  });

  test('500 with an HTML page shows its title and says the service failed', async () => {
    const exchange = await exchangeOf(
      () => new Response(railsPage, { status: 500, headers: { 'content-type': 'text/html' } }),
    );
    expect(exchange.error?.reason).toBe("We're sorry, but something went wrong (500)");
    expect(exchange.error?.message).toContain(
      "Service answered 500 Internal Server Error: We're sorry, but something went wrong (500)",
    );
    expect(exchange.error?.hint).toContain('failed while answering');
  });

  test('a huge body is capped in the reason and the message', async () => {
    const exchange = await exchangeOf(() => new Response('boom '.repeat(50_000), { status: 502 }));
    expect(exchange.error?.reason?.length).toBe(maxReasonChars);
    expect(exchange.error?.message.length).toBeLessThan(maxReasonChars + 1200);
  });

  test('a very long URL is cut in the middle of the message and kept whole in the field', async () => {
    const url = `${cardTargetUrl}?tenant=${'t'.repeat(800)}`;
    const exchange = await exchangeOf(() => new Response('', { status: 500 }), { card: cardFor(url) });
    expect(exchange.error?.url).toBe(exchange.request.url);
    expect(exchange.error?.message).not.toContain(exchange.request.url);
    expect(exchange.error?.message).toContain('portalId=987654');
  });
});

describe('redirect advice depends on where the redirect goes', () => {
  async function redirectTo(location: string | null, url = cardTargetUrl) {
    const headers: Record<string, string> = location === null ? {} : { location };
    return (await exchangeOf(() => new Response(null, { status: 302, headers }), { card: cardFor(url) }))
      .error;
  }

  test('a login page means the route wants a session', async () => {
    const error = await redirectTo('/users/sign_in');
    expect(error).toMatchObject({ status: 302, location: '/users/sign_in' });
    expect(error?.hint).toContain('login page (https://service.example.com/users/sign_in)');
    expect(error?.hint).not.toContain('register the final URL');
  });

  test('an error page means the service failed', async () => {
    const error = await redirectTo('https://service.example.com/500.html');
    expect(error?.hint).toContain('error page');
    expect(error?.hint).not.toContain('register the final URL');
  });

  test('the same route with a trailing slash or on https: register the final URL', async () => {
    const slash = await redirectTo('/hubspot/card/');
    expect(slash?.hint).toContain('with a trailing slash');
    expect(slash?.hint).toContain('register the final URL, https://service.example.com/hubspot/card/');
    const https = await redirectTo(
      'https://service.example.com/hubspot/card',
      'http://service.example.com/hubspot/card',
    );
    expect(https?.hint).toContain('redirects to https');
    expect(https?.hint).toContain('register the final URL, https://service.example.com/hubspot/card,');
  });

  test('to itself, or to the same route without its query: no advice to register it', async () => {
    const sent = (await exchangeOf(() => new Response('', { status: 500 }))).request.url;
    const loop = await exchangeOf(() => new Response(null, { status: 307, headers: { location: sent } }));
    expect(loop.error?.hint).toContain('redirects to itself');
    const dropped = await redirectTo('/hubspot/card');
    expect(dropped?.hint).toContain('drops the parameters the platform sent and signed');
    expect(dropped?.hint).not.toContain('register the final URL');
  });

  test('elsewhere, and without a Location', async () => {
    const moved = await redirectTo('https://new.example.com/cards/v2');
    expect(moved?.hint).toContain('redirects to https://new.example.com/cards/v2');
    expect(moved?.message).toContain('does not follow redirects');
    const bare = await redirectTo(null);
    expect(bare?.hint).toContain('no Location header');
  });
});

describe('an error status on an action hook', () => {
  test('404 points at the method and path, not at GET', async () => {
    const action: RenderedAction = {
      type: 'ACTION_HOOK',
      uri: 'https://service.example.com/hooks/close',
      label: 'Close',
      httpMethod: 'DELETE',
      associatedObjectProperties: [],
    };
    const { exchange } = await fireHook(action, () => new Response('Not Found', { status: 404 })).result;
    expect(exchange.error).toMatchObject({ status: 404, reason: 'Not Found' });
    expect(exchange.error?.hint).toContain('may not answer DELETE');
    expect(exchange.error?.hint).not.toContain('GET');
  });

  test('a forced status says the service was not called', async () => {
    const { service, result } = fetchCard({}, { faults: { forceStatus: 503 } });
    const { exchange } = await result;
    expect(service.calls).toHaveLength(0);
    expect(exchange.error).toMatchObject({ status: 503, reason: null });
    expect(exchange.error?.hint).toContain('injected fault');
  });
});

describe('over a real socket', () => {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/php')) {
      res.writeHead(500, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(
        '<br />\n<b>Fatal error</b>:  Allowed memory size exhausted in <b>/srv/card.php</b> on line <b>7</b><br />',
      );
      return;
    }
    res.writeHead(302, { location: '/login?next=%2Fcard' });
    res.end();
  });
  let base = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  async function fetchReal(path: string) {
    // The real server answers: the fixture's recording service is never called.
    return exchangeOf(() => new Response('', { status: 599 }), {
      card: cardFor(`${base}${path}`),
      transport: createNodeTransport(),
      clock: Date.now,
    });
  }

  test("a PHP error page without a title shows the error's text", async () => {
    const exchange = await fetchReal('/php/card');
    expect(exchange.error?.reason).toBe(
      'Fatal error: Allowed memory size exhausted in /srv/card.php on line 7',
    );
  });

  test('a redirect to a login page is not called final', async () => {
    const exchange = await fetchReal('/card');
    expect(exchange.error).toMatchObject({ status: 302, location: '/login?next=%2Fcard' });
    expect(exchange.error?.hint).toContain(`login page (${base}/login)`);
  });
});
