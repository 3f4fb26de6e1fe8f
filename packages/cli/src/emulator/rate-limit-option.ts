import type { RateLimitOptions } from '@spoke/emulator';
import { SpokeCliError } from '../errors.ts';

const usage =
  'use off, hubspot (110 per 10 s and 250,000 a day, as HubSpot), or MAX/SECONDSs[,DAILY/day], e.g. 20/10s or 20/10s,5000/day';

/**
 * Parses `--rate-limit`: `off` → false (load tests), `hubspot` → HubSpot's numbers, or
 * `MAX/SECONDSs[,DAILY/day]`. docs/emulator.md "Rate limits".
 */
export function parseRateLimit(value: string): RateLimitOptions | false {
  const text = value.trim().toLowerCase();
  if (text === 'off') return false;
  if (text === 'hubspot') return {};
  const match = /^(\d{1,9})\/(\d{1,6})s(?:,(\d{1,12})\/day)?$/.exec(text);
  const [, max, seconds, daily] = match ?? [];
  if (
    !max ||
    !seconds ||
    Number(max) < 1 ||
    Number(seconds) < 1 ||
    (daily !== undefined && Number(daily) < 1)
  ) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--rate-limit ${JSON.stringify(value)} is not a limit; ${usage}.`,
    );
  }
  return {
    maxPerInterval: Number(max),
    intervalMs: Number(seconds) * 1000,
    ...(daily === undefined ? {} : { daily: Number(daily) }),
  };
}
