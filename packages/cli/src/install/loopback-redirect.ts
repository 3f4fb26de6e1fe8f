import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpokeCliError } from '../errors.ts';

/** The path of the loopback redirect URL `spoke install` listens on. */
export const callbackPath = '/oauth-callback';

/** The query a redirect brought back (`code`, `state`, or OAuth's `error`), and a way to answer the browser. */
export interface Redirect {
  params: URLSearchParams;
  /** Answers the browser's request with a small page; resolves once it is sent. */
  respond(status: number, title: string, text: string): Promise<void>;
}

/** A one-shot HTTP listener on 127.0.0.1 for the consent screen's redirect. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:{port}/oauth-callback`. */
  readonly url: string;
  /** The first request to the callback path; other paths answer 404 and keep waiting. */
  readonly redirect: Promise<Redirect>;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, text: string): Promise<void> {
  const body = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body>\n`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  return new Promise((ok) => res.end(body, () => ok()));
}

/**
 * Listens on 127.0.0.1 (`port` 0: a free one) for the browser's return from the consent screen,
 * as `gh auth login` and other CLIs do: the first request to {@link callbackPath} resolves
 * `redirect`. A port that cannot be listened on is CLI_OPTION_INVALID.
 */
export async function listenForRedirect(port: number): Promise<LoopbackRedirect> {
  let resolve: (redirect: Redirect) => void = () => {};
  const redirect = new Promise<Redirect>((ok) => {
    resolve = ok;
  });
  let taken = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== callbackPath || taken) {
      void page(res, 404, 'Not found', `spoke install waits on ${callbackPath} only.`);
      return;
    }
    taken = true;
    resolve({ params: url.searchParams, respond: (status, title, text) => page(res, status, title, text) });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (cause: NodeJS.ErrnoException) =>
      fail(
        new SpokeCliError(
          'CLI_OPTION_INVALID',
          `cannot listen for the redirect on 127.0.0.1:${port} (${cause.code ?? cause.message}); pass another --port, or leave it out for a free one.`,
          { cause },
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => ok());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}${callbackPath}`,
    redirect,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
