import type { Context, MiddlewareHandler } from 'hono';
import { SpokeEmulatorError } from '../../errors.ts';
import { resolveAccessToken } from '../../oauth/oauth-server.ts';
import type { CrmObjectType } from '../../store/entities.ts';
import type { ApiContext } from '../api-context.ts';
import type { RateLimiter } from '../developer/rate-limit.ts';
import { cameWithoutAccessToken } from '../who-is-asking.ts';
import { crmScopes } from './crm-object-types.ts';

/** Who is calling the CRM API: the app and portal of the access token, with the scopes it was granted. */
export interface CrmCaller {
  appId: number;
  portalId: number;
  userId: number | null;
  scopes: readonly string[];
}

const callers = new WeakMap<Request, CrmCaller>();

/** HubSpot's words for a call without credentials. */
const noCredentials =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

/** "5 minute(s)" as HubSpot counts how long ago a token expired. */
function agoText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} minute(s)`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} hour(s)` : `${Math.floor(hours / 24)} day(s)`;
}

async function callerOf(c: Context, ctx: ApiContext): Promise<CrmCaller> {
  const header = c.req.header('authorization');
  if (header === undefined) {
    const hint =
      c.req.query('hapikey') !== undefined
        ? ' A developer API key (?hapikey=) does not reach the CRM API: install the app through OAuth and send its access token.'
        : ' Send Authorization: Bearer ACCESS_TOKEN, the access_token of POST /oauth/v1/token (docs/emulator.md, "CRM API").';
    throw new SpokeEmulatorError('CRM_TOKEN_MISSING', `${noCredentials}.${hint}`);
  }
  const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) {
    throw new SpokeEmulatorError(
      'CRM_TOKEN_INVALID',
      header.includes(',')
        ? 'the Authorization header was sent more than once; send one: Authorization: Bearer ACCESS_TOKEN.'
        : 'the Authorization header is not of the form "Bearer ACCESS_TOKEN"; send the access_token of POST /oauth/v1/token.',
    );
  }
  const check = await resolveAccessToken(ctx, token);
  if (check.ok) {
    return { appId: check.appId, portalId: check.portalId, userId: check.userId, scopes: check.scopes };
  }
  if (check.reason === 'expired') {
    const stored = await ctx.store.oauthTokens.get(token);
    const ago = stored?.expiresAt ? ctx.now() - Date.parse(stored.expiresAt) : 0;
    throw new SpokeEmulatorError(
      'CRM_TOKEN_EXPIRED',
      `The OAuth token used to make this call expired ${agoText(ago)} ago. Access tokens live 30 minutes: ${check.message}`,
    );
  }
  // A caller without the emulator's access token (decision 0016) is not told whether it sent the developer API key.
  const apps = cameWithoutAccessToken(c) ? [] : await ctx.store.apps.list();
  const developerKey = apps.some((app) => app.developerApiKey === token)
    ? ' This is a developer API key, which does not reach the CRM API: send an OAuth access token.'
    : '';
  throw new SpokeEmulatorError('CRM_TOKEN_INVALID', `${check.message}${developerKey}`);
}

/**
 * Authenticates every call to the CRM objects API (`/crm/v3/objects/…`) with an OAuth access token
 * of an installed app, and counts it against HubSpot's limit for OAuth apps: per app and portal,
 * with `X-HubSpot-RateLimit-*` headers (no daily ones: OAuth apps have no daily limit) on every
 * answer, errors included. `limiter` null: no limits (`rateLimit: false`).
 */
export function crmAuth(ctx: ApiContext, limiter: RateLimiter | null): MiddlewareHandler {
  return async (c, next) => {
    const caller = await callerOf(c, ctx);
    const taken = limiter?.take(`oauth:${caller.appId}:${caller.portalId}`, {
      daily: false,
      who: `app ${caller.appId} in portal ${caller.portalId}`,
    });
    if (taken?.refusal) return taken.refusal;
    callers.set(c.req.raw, caller);
    await next();
    for (const [name, value] of Object.entries(taken?.headers ?? {})) c.res.headers.set(name, value);
  };
}

/** The caller `crmAuth` let through, refused (403 CRM_MISSING_SCOPES) without a scope for `access`. */
export function crmCaller(c: Context, objectType: CrmObjectType, access: 'read' | 'write'): CrmCaller {
  const caller = callers.get(c.req.raw);
  if (!caller) throw new SpokeEmulatorError('CRM_TOKEN_MISSING', `${noCredentials}.`);
  const allowed = crmScopes(objectType, access);
  if (!allowed.some((scope) => caller.scopes.includes(scope))) {
    throw new SpokeEmulatorError(
      'CRM_MISSING_SCOPES',
      `This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes. App ${caller.appId} is installed in portal ${caller.portalId} with ${caller.scopes.join(' ') || 'no scopes'}; ${access === 'read' ? 'reading' : 'writing'} ${objectType} needs ${allowed.join(' or ')}: add it to the app's scopes and install it again asking for it.`,
      {
        errors: [
          {
            message: 'One or more of the following scopes are required.',
            context: { requiredGranularScopes: allowed },
          },
        ],
        links: { scopes: 'https://developers.hubspot.com/scopes' },
      },
    );
  }
  return caller;
}
