import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import { indexPage } from './index-page.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// The fallback page's one inline <style>, allowed by its hash.
const styleStart = indexPage.indexOf('<style>') + '<style>'.length;
const indexStyle = indexPage.slice(styleStart, indexPage.indexOf('</style>', styleStart));
const indexStyleHash = `'sha256-${createHash('sha256').update(indexStyle).digest('base64')}'`;

/**
 * The web UI's Content-Security-Policy: its own scripts and styles only, no plugins, framed only by
 * itself; IFRAME actions load the service's pages (any http(s) origin) in a modal, so `frame-src`
 * takes them. `connect-src 'self'` covers the control API and its event stream. docs/security.md.
 */
export const uiContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  'frame-src http: https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Headers on every UI response (the app, its assets, the fallback page). */
export function uiSecurityHeaders(csp: string = uiContentSecurityPolicy): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'SAMEORIGIN',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** A file inside `root` for `path`, or null (never outside root). */
function fileFor(root: string, path: string): string | null {
  const decoded = decodeURIComponent(path);
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/**
 * Serves the UI at `/`: files from `uiDir` (unknown paths fall back to its index.html, as a
 * single-page app needs), or a small page listing the API when there is no UI build.
 */
export function registerUiRoutes(api: Hono, uiDir: string | undefined): void {
  const root = uiDir ? resolve(uiDir) : null;
  const hasUi = root !== null && existsSync(join(root, 'index.html'));
  api.get('*', async (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/_spoke/') || path.startsWith('/crm/') || path.startsWith('/oauth/v1/'))
      return next();
    if (!hasUi || root === null) {
      if (path !== '/' && path !== '/index.html') return next();
      return c.html(
        indexPage,
        200,
        uiSecurityHeaders(uiContentSecurityPolicy.replace("style-src 'self'", `style-src ${indexStyleHash}`)),
      );
    }
    let file: string | null = null;
    try {
      file = fileFor(root, path === '/' ? '/index.html' : path) ?? fileFor(root, '/index.html');
    } catch {
      file = null; // a malformed escape in the path
    }
    if (!file) return next();
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    return c.body(await readFile(file), 200, { 'content-type': type, ...uiSecurityHeaders() });
  });
}
