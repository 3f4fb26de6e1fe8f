import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { SpokeEmulatorError } from '../errors.ts';

/**
 * Who may talk to the emulator, shared by `createEmulator` (which fills in the listen host and
 * the access token when it listens) and the middleware below. docs/security.md.
 */
export interface WhoIsAsking {
  /** Host names accepted in `Host` besides loopback names and IP literals; `.example.com` also allows its subdomains. */
  allowedHosts: readonly string[];
  /** The host `listen()` bound (null before it listens). */
  listenHost: string | null;
  /** When set, every request that came through `listen()` must carry it (but an app's OAuth calls, decision 0016). */
  accessToken: string | null;
}

/**
 * The key `listen()`'s server puts in hono's env: only those requests crossed a socket, so only they
 * are held to the Host allow-list and the access token. `emulator.fetch()` is the program that
 * owns the emulator (tests, the CLI), which already holds its store.
 */
export const viaNetwork = 'spokeViaNetwork';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A host name without port, lower-case; IPv6 keeps its brackets. null when `Host` does not parse. */
export function hostNameOf(hostHeader: string): string | null {
  if (!URL.canParse(`http://${hostHeader}`)) return null;
  const url = new URL(`http://${hostHeader}`);
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  return url.hostname.toLowerCase();
}

/** True for 127.0.0.0/8, ::1 and localhost: the addresses only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/**
 * Whether a `Host` name is one the emulator answers to. DNS rebinding needs a name the attacker's
 * DNS controls, so (as Vite and webpack-dev-server do) IP literals and `localhost` names always
 * pass; any other name must be the listen host or in `allowedHosts`.
 */
export function isAllowedHost(name: string, who: Pick<WhoIsAsking, 'allowedHosts' | 'listenHost'>): boolean {
  const bare = name.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  const listen = who.listenHost === null ? null : hostNameOf(who.listenHost);
  if (listen !== null && name === listen) return true;
  return who.allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase();
    if (allowed.startsWith('.')) return name === allowed.slice(1) || name.endsWith(allowed);
    return name === allowed;
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The cookie that carries the token for the web UI, one per port (cookies ignore ports). */
export function tokenCookieName(requestUrl: string): string {
  const url = new URL(requestUrl);
  return `spoke_token_${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

function isApiPath(path: string): boolean {
  return (
    path.startsWith('/_spoke/') ||
    path.startsWith('/crm/') ||
    path.startsWith('/oauth/v1/') ||
    path === '/_spoke'
  );
}

/**
 * HubSpot's app-facing OAuth surface: the only routes a request through `listen()` may reach
 * without the emulator's access token, because each one authenticates its caller as HubSpot does
 * and refuses anything else (decision 0016, docs/decisions/0016-apps-reach-the-emulator-with-their-oauth-credentials.md;
 * docs/security.md "The network"). An app using `@hubspot/api-client` sends its own token in
 * `Authorization: Bearer` and cannot add the emulator's. Matched as plain strings: `exact`, every
 * path under a `prefix`, or a `token` (exactly one non-empty segment after the prefix).
 */
const oauthAuthenticatedRoutes: readonly {
  path: string;
  match: 'exact' | 'prefix' | 'token';
  methods: readonly string[];
  /** Only with `Authorization: Bearer …`, the credential the route's own check reads. */
  bearer?: true;
}[] = [
  // Every handler under it sits behind crmAuth: a valid, unexpired access token of an install.
  { path: '/crm/v3/objects/', match: 'prefix', methods: ['GET', 'POST', 'PATCH', 'DELETE'], bearer: true },
  // The grant: client_id, client_secret and the code or refresh token in the form body.
  { path: '/oauth/v1/token', match: 'exact', methods: ['POST'] },
  // Token metadata: the token in the path is the credential, as at HubSpot.
  { path: '/oauth/v1/access-tokens/', match: 'token', methods: ['GET'] },
  { path: '/oauth/v1/refresh-tokens/', match: 'token', methods: ['GET', 'DELETE'] },
];

/** Whether `method path` is one of {@link oauthAuthenticatedRoutes} (with a Bearer where it needs one). */
function isOauthAuthenticatedRoute(method: string, path: string, hasBearer: boolean): boolean {
  return oauthAuthenticatedRoutes.some((route) => {
    if (!route.methods.includes(method) || (route.bearer && !hasBearer)) return false;
    if (route.match === 'exact') return path === route.path;
    if (!path.startsWith(route.path)) return false;
    const rest = path.slice(route.path.length);
    return route.match === 'prefix' || (rest !== '' && !rest.includes('/'));
  });
}

/** Requests let through {@link oauthAuthenticatedRoutes} without the access token. */
const withoutToken = new WeakSet<Request>();

/**
 * True when the request came through `listen()` without the emulator's access token and was let
 * through to HubSpot's OAuth surface: its caller has shown at most an app's OAuth credentials, so
 * the answer must not tell it about other apps or keys (decision 0016).
 */
export function cameWithoutAccessToken(c: Context): boolean {
  return withoutToken.has(c.req.raw);
}

/** Why a request looks cross-site, or null. `Sec-Fetch-Site` first, then `Origin` against our own. */
function crossSite(c: Context): string | null {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    if (origin !== own) return `Origin: ${origin} (the emulator is ${own})`;
  }
  return null;
}

function refuse(
  code: 'API_HOST_NOT_ALLOWED' | 'API_CROSS_SITE_REQUEST' | 'API_ACCESS_TOKEN_REQUIRED',
  message: string,
): never {
  throw new SpokeEmulatorError(code, message);
}

/**
 * The first middleware of the emulator's app. In order:
 * 1. Host allow-list (requests through `listen()` only): a foreign name is DNS rebinding → 403.
 * 2. Access token (through `listen()`, when one is set): cookie, `Authorization: Bearer`, `?token=` → else 401,
 *    except on HubSpot's OAuth surface, whose routes authenticate the app themselves (decision 0016).
 *    Opening a UI page with a valid `?token=` sets the cookie and redirects to the page without it.
 * 3. Cross-site: a state-changing request (anything but GET/HEAD/OPTIONS) whose `Sec-Fetch-Site`
 *    is not `same-origin`/`none`, or whose `Origin` is not the emulator's own (`null` included),
 *    → 403; API reads are held to the same rule unless they are a top-level navigation.
 * Requests with neither header (curl, the CLI, `@hubspot/api-client`, tests) pass step 3.
 */
export function whoIsAsking(who: WhoIsAsking): MiddlewareHandler {
  return async (c, next) => {
    const env = c.env as Record<string, unknown> | undefined;
    const network = env?.[viaNetwork] === true;
    if (network) {
      const incoming = env?.incoming as
        | { headers?: Record<string, string | string[] | undefined> }
        | undefined;
      const hostHeader = incoming?.headers?.host;
      // No Host at all is HTTP/1.0 by hand, never a browser (which always sends one).
      if (typeof hostHeader === 'string') {
        const name = hostNameOf(hostHeader);
        if (name === null || !isAllowedHost(name, who)) {
          refuse(
            'API_HOST_NOT_ALLOWED',
            `the Host ${JSON.stringify(hostHeader)} is not one this emulator answers to (a foreign name is how DNS rebinding reaches a local server). Open it as localhost or 127.0.0.1, or allow the name: spoke emulator --allowed-host ${name ?? '<host>'} (createEmulator({ allowedHosts })); see docs/security.md.`,
          );
        }
      }
      const token = who.accessToken;
      if (token !== null && !(c.req.method === 'GET' && c.req.path === '/_spoke/health')) {
        const cookieName = tokenCookieName(c.req.url);
        const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
        const query = c.req.query('token');
        const fromCookie = cookie(c.req.header('cookie'), cookieName);
        const ok = [bearer, query, fromCookie].some(
          (given) => typeof given === 'string' && sameSecret(given, token),
        );
        if (!ok && isOauthAuthenticatedRoute(c.req.method, c.req.path, typeof bearer === 'string')) {
          withoutToken.add(c.req.raw);
        } else if (!ok) {
          refuse(
            'API_ACCESS_TOKEN_REQUIRED',
            `this emulator listens on ${who.listenHost ?? 'the network'}, so this request needs its access token: open the URL \`spoke emulator\` printed (it ends in ?token=), or send Authorization: Bearer TOKEN or ?token=TOKEN (SPOKE_EMULATOR_TOKEN or --token for the CLI)${c.req.path.startsWith('/crm/v3/objects/') ? ". An app's CRM API call needs only its OAuth access token instead: Authorization: Bearer ACCESS_TOKEN, the access_token of POST /oauth/v1/token" : ''}; see docs/security.md.`,
          );
        }
        if (
          query !== undefined &&
          c.req.method === 'GET' &&
          !isApiPath(c.req.path) &&
          sameSecret(query, token)
        ) {
          const target = new URL(c.req.url);
          target.searchParams.delete('token');
          return new Response(null, {
            status: 302,
            headers: {
              location: `${target.pathname}${target.search}`,
              'set-cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
              'cache-control': 'no-store',
              'referrer-policy': 'no-referrer',
            },
          });
        }
      }
    }
    const api = isApiPath(c.req.path);
    const navigation = c.req.method === 'GET' && c.req.header('sec-fetch-mode') === 'navigate';
    if (!safeMethods.has(c.req.method) || (api && !navigation)) {
      const reason = crossSite(c);
      if (reason !== null) {
        refuse(
          'API_CROSS_SITE_REQUEST',
          `${c.req.method} ${c.req.path} came from another site (${reason}); the emulator answers only its own web UI and clients that are not browsers (curl, the CLI, @hubspot/api-client). See docs/security.md.`,
        );
      }
    }
    return next();
  };
}
