import { limits } from '@spoke/protocol';
import { Hono } from 'hono';
import { SpokeEmulatorError } from '../errors.ts';
import { allowedMethods } from './allowed-methods.ts';
import type { ApiContext } from './api-context.ts';
import { limitBody } from './body-limit.ts';
import { registerAppRoutes } from './control/app-routes.ts';
import { registerFaultRoutes } from './control/fault-routes.ts';
import { registerInstallRoutes } from './control/install-routes.ts';
import { registerPortalUserRoutes } from './control/portal-user-routes.ts';
import { registerRecordRoutes } from './control/record-routes.ts';
import { registerReportRoutes } from './control/report-screenshot.ts';
import { registerRequestRoutes } from './control/request-routes.ts';
import { registerShareRoutes } from './control/share-routes.ts';
import { registerStateRoutes } from './control/state-routes.ts';
import { registerTriggerRoutes } from './control/trigger-routes.ts';
import { registerCrmObjectRoutes } from './crm/crm-object-routes.ts';
import { registerCallingRoutes } from './developer/calling-routes.ts';
import { registerCardRoutes } from './developer/card-routes.ts';
import { createRateLimiter, developerRateLimit, type RateLimitOptions } from './developer/rate-limit.ts';
import { hubspotErrorResponse } from './hubspot-error.ts';
import { registerOauthRoutes } from './oauth-routes.ts';
import { registerUiRoutes } from './ui-routes.ts';
import { type WhoIsAsking, whoIsAsking } from './who-is-asking.ts';

/** Options of {@link createApi}. */
export interface ApiOptions {
  /** Directory of static UI files served at `/`; a small index page when absent. */
  uiDir?: string;
  /**
   * Who may ask (Host allow-list, access token); read on every request, so `listen()` can fill in
   * its host and token later. @default loopback names only, no token
   */
  who?: WhoIsAsking;
  /** HubSpot's developer-API rate limits; `false` turns them off. @default hubspotRateLimits */
  rateLimit?: RateLimitOptions | false;
}

/**
 * The emulator's HTTP surface as one hono app: HubSpot's developer API paths, the control API
 * under `/_spoke/`, and the UI. Every error leaves through `hubspotErrorResponse`.
 */
export function createApi(ctx: ApiContext, options: ApiOptions = {}): Hono {
  const api = new Hono();
  // First: nothing else runs for a foreign Host, a missing token or a cross-site write. docs/security.md.
  api.use('*', whoIsAsking(options.who ?? { allowedHosts: [], listenHost: null, accessToken: null }));
  const tooLarge = (max: number) => () =>
    hubspotErrorResponse(
      new SpokeEmulatorError(
        'API_BODY_TOO_LARGE',
        `the request body is over ${max} bytes, the most this endpoint takes.`,
      ),
      ctx.randomUUID(),
    );
  const apiLimit = limitBody(limits.defaultBodyLimitBytes, tooLarge(limits.defaultBodyLimitBytes));
  const stateLimit = limitBody(limits.maxStateImportBytes, tooLarge(limits.maxStateImportBytes));
  api.use('*', (c, next) => (c.req.path === '/_spoke/state' ? stateLimit(c, next) : apiLimit(c, next)));
  // The apps' calls to HubSpot's side, logged beside the exchanges: before the rate limit, so a 429 is too.
  if (ctx.apiCalls) api.use('*', ctx.apiCalls.middleware);
  // HubSpot's limits on the developer API (/crm/…), counted per developer API key, and on the CRM
  // API per app and portal of an access token (counted by its routes). docs/emulator.md.
  const limiter = options.rateLimit === false ? null : createRateLimiter(ctx, options.rateLimit ?? {});
  if (limiter) api.use('*', developerRateLimit(ctx, limiter));

  registerCardRoutes(api, ctx);
  registerCallingRoutes(api, ctx);
  registerStateRoutes(api, ctx);
  registerAppRoutes(api, ctx);
  registerPortalUserRoutes(api, ctx);
  registerRecordRoutes(api, ctx);
  registerTriggerRoutes(api, ctx);
  registerShareRoutes(api, ctx);
  registerReportRoutes(api);
  registerRequestRoutes(api, ctx);
  registerFaultRoutes(api, ctx);
  registerInstallRoutes(api, ctx);
  registerCrmObjectRoutes(api, ctx, limiter);
  registerOauthRoutes(api, ctx);
  registerUiRoutes(api, options.uiDir);

  api.notFound((c) => {
    const allowed = allowedMethods(api, c.req.path);
    const error =
      allowed.length > 0
        ? new SpokeEmulatorError(
            'API_METHOD_NOT_ALLOWED',
            `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(', ')}.`,
          )
        : new SpokeEmulatorError(
            'API_NOT_FOUND',
            `no route ${c.req.method} ${c.req.path}; see docs/emulator.md.`,
          );
    const response = hubspotErrorResponse(error, ctx.randomUUID());
    if (allowed.length > 0) response.headers.set('allow', allowed.join(', '));
    return response;
  });
  api.onError((error) => {
    if (!(error instanceof SpokeEmulatorError))
      ctx.logger.error('[spoke] emulator request failed', { error });
    return hubspotErrorResponse(error, ctx.randomUUID());
  });
  return api;
}
