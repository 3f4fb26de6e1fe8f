import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../errors.ts';
import {
  accessTokenInfo,
  authorize,
  checkConsent,
  deleteRefreshToken,
  exchangeToken,
  type OauthDeps,
  refreshTokenInfo,
} from '../oauth/oauth-server.ts';
import type { ApiContext } from './api-context.ts';
import { numericParam } from './control/path-params.ts';
import { hubspotErrorResponse } from './hubspot-error.ts';
import { parseInput } from './parse-input.ts';
import { readJson } from './read-json.ts';

/** Body of `POST /_spoke/oauth/authorize`: the consent screen's Connect (or Cancel with `cancel: true`). */
export const authorizeBodySchema = z.object({
  clientId: z.string().min(1),
  redirectUri: z.string().min(1),
  /** Required scopes, separated by spaces, as `scope` of `/oauth/authorize`. */
  scope: z.string(),
  optionalScope: z.string().optional(),
  state: z.string().optional(),
  /** The portal to install into. @default the first portal */
  portalId: z.number().int().positive().optional(),
  /** Cancel on the consent screen: `location` carries `error=access_denied` and no code. */
  cancel: z.boolean().optional(),
});

/**
 * HubSpot's OAuth error body, `{status, message, correlationId}`, where `status` is HubSpot's name
 * (`BAD_AUTH_CODE`…): the Spoke code without `OAUTH_`. Spoke's code rides along as `code`, as on
 * every other error. Errors that are not OAuth's keep HubSpot's usual shape.
 */
export function oauthErrorResponse(error: unknown, correlationId: string): Response {
  if (!(error instanceof SpokeEmulatorError) || !error.code.startsWith('OAUTH_')) {
    return hubspotErrorResponse(error, correlationId);
  }
  const body = {
    status: error.code.slice('OAUTH_'.length),
    message: error.message,
    correlationId,
    code: error.code,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': 'application/json;charset=utf-8', 'x-hubspot-correlation-id': correlationId },
  });
}

/** The fields of a form-encoded body (HubSpot's token endpoint takes nothing else). */
async function readForm(c: { req: { header(name: string): string | undefined; text(): Promise<string> } }) {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new SpokeEmulatorError(
      'API_UNSUPPORTED_MEDIA_TYPE',
      `POST /oauth/v1/token takes application/x-www-form-urlencoded, as HubSpot's does (got ${type ? JSON.stringify(type) : 'no Content-Type'}); send grant_type, client_id, client_secret and code or refresh_token as form fields.`,
    );
  }
  const form = new URLSearchParams(await c.req.text());
  const field = (name: string) => form.get(name) ?? undefined;
  return {
    grant_type: field('grant_type'),
    client_id: field('client_id'),
    client_secret: field('client_secret'),
    redirect_uri: field('redirect_uri'),
    code: field('code'),
    refresh_token: field('refresh_token'),
  };
}

/**
 * HubSpot's OAuth paths and the consent screen's control routes. `/oauth/authorize` is a top-level
 * navigation from the app's site: it sends the browser to the web UI's consent screen, which reads
 * the request from `/_spoke/oauth/consent` and posts Connect or Cancel to `/_spoke/oauth/authorize`.
 */
export function registerOauthRoutes(api: Hono, ctx: ApiContext): void {
  const deps: OauthDeps = { store: ctx.store, now: ctx.now, randomUUID: ctx.randomUUID };
  const fail = (error: unknown) => oauthErrorResponse(error, ctx.randomUUID());

  api.get('/oauth/authorize', (c) => {
    const search = new URL(c.req.url).search;
    return c.redirect(`/#/oauth/authorize${search}`, 302);
  });

  // HubSpot's install URL for one account: the account ID between /oauth/ and /authorize.
  api.get('/oauth/:portalId/authorize', async (c) => {
    const portalId = numericParam(c, 'portalId');
    if (!(await ctx.store.portals.get(portalId))) {
      throw new SpokeEmulatorError('API_NOT_FOUND', `no portal ${portalId}; GET /_spoke/portals lists them.`);
    }
    const query = new URL(c.req.url).searchParams;
    query.set('portal_id', String(portalId));
    return c.redirect(`/#/oauth/authorize?${query}`, 302);
  });

  api.get('/_spoke/oauth/consent', async (c) => {
    try {
      return c.json(
        await checkConsent(deps, {
          clientId: c.req.query('client_id') ?? '',
          redirectUri: c.req.query('redirect_uri') ?? '',
          scope: c.req.query('scope') ?? '',
          optionalScope: c.req.query('optional_scope'),
          portalId: c.req.query('portal_id'),
        }),
      );
    } catch (error) {
      return fail(error);
    }
  });

  api.post('/_spoke/oauth/authorize', async (c) => {
    try {
      const input = parseInput(authorizeBodySchema, await readJson(c), 'authorization');
      const { location } = await authorize(deps, input);
      return c.json({ location });
    } catch (error) {
      return fail(error);
    }
  });

  api.post('/oauth/v1/token', async (c) => {
    try {
      return c.json(await exchangeToken(deps, await readForm(c)));
    } catch (error) {
      return fail(error);
    }
  });

  api.get('/oauth/v1/access-tokens/:token', async (c) =>
    c.json(await accessTokenInfo(deps, c.req.param('token'))),
  );
  api.get('/oauth/v1/refresh-tokens/:token', async (c) =>
    c.json(await refreshTokenInfo(deps, c.req.param('token'))),
  );
  api.delete('/oauth/v1/refresh-tokens/:token', async (c) => {
    await deleteRefreshToken(deps, c.req.param('token'));
    return c.body(null, 204);
  });
}
