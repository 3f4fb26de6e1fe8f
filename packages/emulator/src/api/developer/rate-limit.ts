import type { MiddlewareHandler } from 'hono';
import { SpokeEmulatorError } from '../../errors.ts';
import type { ApiContext } from '../api-context.ts';
import { cameWithoutAccessToken } from '../who-is-asking.ts';

/**
 * HubSpot's developer-API rate limits for one developer API key, as `createEmulator({ rateLimit })`
 * and `spoke emulator --rate-limit` take them. docs/emulator.md "Rate limits".
 */
export interface RateLimitOptions {
  /** Requests allowed in any rolling window of `intervalMs`. @default 110 */
  maxPerInterval?: number;
  /** The rolling window. @default 10000 */
  intervalMs?: number;
  /** Requests allowed per UTC day. @default 250000 */
  daily?: number;
}

/**
 * HubSpot's documented numbers: a public app may make 110 requests every 10 seconds per account,
 * and a developer API key 250,000 a day. docs/protocol.md §2.1.
 */
export const hubspotRateLimits: Readonly<Required<RateLimitOptions>> = {
  maxPerInterval: 110,
  intervalMs: 10_000,
  daily: 250_000,
};

/** The headers HubSpot puts on every answer to a request it counts. */
export const rateLimitHeaders = {
  daily: 'X-HubSpot-RateLimit-Daily',
  dailyRemaining: 'X-HubSpot-RateLimit-Daily-Remaining',
  intervalMilliseconds: 'X-HubSpot-RateLimit-Interval-Milliseconds',
  max: 'X-HubSpot-RateLimit-Max',
  remaining: 'X-HubSpot-RateLimit-Remaining',
  secondly: 'X-HubSpot-RateLimit-Secondly',
  secondlyRemaining: 'X-HubSpot-RateLimit-Secondly-Remaining',
} as const;

interface KeyUsage {
  /** Times of the requests counted in the current rolling window, oldest first. */
  recent: number[];
  /** The UTC day (`YYYY-MM-DD`) `dailyCount` is for. */
  day: string;
  dailyCount: number;
}

/** The developer API key a request presents (`?hapikey=` or `Authorization: Bearer`), unchecked. */
function presentedKey(query: string | undefined, authorization: string | undefined): string | null {
  if (query) return query;
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
}

/** The limits in force: HubSpot's, overridden by `options`; 500 EMULATOR_CONFIG_INVALID for a bad number. */
export function rateLimitSettings(options: RateLimitOptions): Required<RateLimitOptions> {
  const merged = { ...hubspotRateLimits, ...options };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new SpokeEmulatorError(
        'EMULATOR_CONFIG_INVALID',
        `rateLimit.${name} must be a whole number of at least 1, got ${value}; pass rateLimit: false to turn the limits off.`,
      );
  }
  return merged;
}

/** What counting one request gives: the headers for the answer, and the 429 to send instead when over a limit. */
export interface RateLimitTake {
  headers: Record<string, string>;
  refusal: Response | null;
}

/**
 * HubSpot's request counting, shared by the developer API (per developer API key) and the CRM API
 * (per app and portal of an OAuth access token). Windows use the emulator's clock.
 */
export interface RateLimiter {
  /**
   * Counts one request of `key` (unless it is refused) and says what to answer.
   * @param options.daily count the UTC day too: developer API keys have a daily limit, OAuth apps none
   *   (HubSpot's answers to OAuth calls carry no `X-HubSpot-RateLimit-Daily*` headers)
   * @param options.who how the 429 message names the caller ("this developer API key")
   */
  take(key: string, options: { daily: boolean; who: string }): RateLimitTake;
}

/** One counter per key, with HubSpot's limits or `options`; the ten-second window rolls, the day is UTC. */
export function createRateLimiter(
  ctx: Pick<ApiContext, 'now' | 'randomUUID'>,
  options: RateLimitOptions = {},
): RateLimiter {
  const { maxPerInterval, intervalMs, daily } = rateLimitSettings(options);
  const secondly = Math.ceil((maxPerInterval * 1000) / intervalMs);
  const usage = new Map<string, KeyUsage>();

  return {
    take(key, { daily: countDaily, who }) {
      const now = ctx.now();
      const day = new Date(now).toISOString().slice(0, 10);
      let entry = usage.get(key);
      if (!entry) {
        entry = { recent: [], day, dailyCount: 0 };
        usage.set(key, entry);
      }
      if (entry.day !== day) {
        entry.day = day;
        entry.dailyCount = 0;
      }
      const windowStart = now - intervalMs;
      let drop = 0;
      while (drop < entry.recent.length && (entry.recent[drop] ?? 0) <= windowStart) drop++;
      if (drop > 0) entry.recent.splice(0, drop);

      const policy =
        countDaily && entry.dailyCount >= daily
          ? ('DAILY' as const)
          : entry.recent.length >= maxPerInterval
            ? ('TEN_SECONDLY_ROLLING' as const)
            : null;
      if (policy === null) {
        entry.recent.push(now);
        entry.dailyCount++;
      }
      const lastSecond = entry.recent.filter((at) => at > now - 1000).length;
      const headers: Record<string, string> = {
        ...(countDaily
          ? {
              [rateLimitHeaders.daily]: String(daily),
              [rateLimitHeaders.dailyRemaining]: String(Math.max(0, daily - entry.dailyCount)),
            }
          : {}),
        [rateLimitHeaders.intervalMilliseconds]: String(intervalMs),
        [rateLimitHeaders.max]: String(maxPerInterval),
        [rateLimitHeaders.remaining]: String(Math.max(0, maxPerInterval - entry.recent.length)),
        [rateLimitHeaders.secondly]: String(secondly),
        [rateLimitHeaders.secondlyRemaining]: String(Math.max(0, secondly - lastSecond)),
      };
      if (policy === null) return { headers, refusal: null };

      const correlationId = ctx.randomUUID();
      // When a request can next be counted: the oldest in the window leaves it, or the UTC day ends.
      const nextAt =
        policy === 'DAILY'
          ? Date.parse(`${day}T00:00:00.000Z`) + 86_400_000
          : (entry.recent[0] ?? now) + intervalMs;
      const retryAfter = Math.max(1, Math.ceil((nextAt - now) / 1000));
      const body = {
        status: 'error',
        message:
          policy === 'DAILY'
            ? `You have reached your daily limit (${daily} requests per UTC day for ${who}); it resets at midnight UTC.`
            : `You have reached your ten_secondly_rolling limit (${maxPerInterval} requests per ${intervalMs} ms for ${who}); retry after ${retryAfter} s.`,
        errorType: 'RATE_LIMIT',
        correlationId,
        policyName: policy,
        requestId: ctx.randomUUID(),
        code: 'API_RATE_LIMITED',
      };
      const refusal = new Response(JSON.stringify(body), {
        status: 429,
        headers: {
          ...headers,
          'content-type': 'application/json;charset=utf-8',
          'x-hubspot-correlation-id': correlationId,
          'retry-after': String(retryAfter),
        },
      });
      return { headers, refusal };
    },
  };
}

/**
 * Counts requests to HubSpot's developer API paths (`/crm/…`) per developer API key of a known app,
 * answers 429 past the limits in HubSpot's shape (`errorType: RATE_LIMIT`, `policyName`), and
 * puts `X-HubSpot-RateLimit-*` on every counted answer. Windows use the emulator's clock.
 * Requests without a known key are left to the routes (401, or the CRM API's own count of an
 * OAuth access token) and not counted here.
 */
export function developerRateLimit(ctx: ApiContext, limiter: RateLimiter): MiddlewareHandler {
  return async (c, next) => {
    // A caller without the emulator's access token only reaches HubSpot's OAuth surface (decision
    // 0016): never the developer API, so its key is neither counted nor confirmed by the headers.
    if (!c.req.path.startsWith('/crm/') || cameWithoutAccessToken(c)) return next();
    const key = presentedKey(c.req.query('hapikey'), c.req.header('authorization'));
    if (key === null) return next();
    const apps = await ctx.store.apps.list();
    if (!apps.some((app) => app.developerApiKey === key)) return next();

    const { headers, refusal } = limiter.take(`developer:${key}`, {
      daily: true,
      who: 'this developer API key',
    });
    if (refusal) return refusal;
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
