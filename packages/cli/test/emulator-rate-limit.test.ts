import { describe, expect, test } from 'vitest';
import { runEmulator } from '../src/commands/emulator.ts';
import { parseRateLimit } from '../src/emulator/rate-limit-option.ts';
import { runCli } from '../src/program.ts';
import { memoryIo } from './helpers/memory-io.ts';

const defaults = {
  port: '0',
  host: '127.0.0.1',
  data: '.spoke/emulator.db',
  memory: true,
  developerApiKey: 'devkey',
};

/** Runs `spoke emulator` with `rateLimit`, makes `count` developer-API calls, returns their statuses. */
async function statuses(rateLimit: string | undefined, count: number): Promise<number[]> {
  const io = memoryIo({ fetch: globalThis.fetch });
  const seen: number[] = [];
  const code = await runEmulator(
    { ...defaults, ...(rateLimit === undefined ? {} : { rateLimit }) },
    io,
    async () => {
      const url = /ready at (\S+)/.exec(io.out())?.[1] ?? '';
      for (let i = 0; i < count; i++) {
        const response = await fetch(`${url}/crm/v3/extensions/cards-dev/1000?hapikey=devkey`);
        await response.arrayBuffer();
        seen.push(response.status);
      }
    },
  );
  expect(code).toBe(0);
  return seen;
}

describe('spoke emulator --rate-limit', () => {
  test('parses off, hubspot and MAX/SECONDSs[,DAILY/day]', () => {
    expect(parseRateLimit('off')).toBe(false);
    expect(parseRateLimit('HubSpot')).toEqual({});
    expect(parseRateLimit('20/10s')).toEqual({ maxPerInterval: 20, intervalMs: 10_000 });
    expect(parseRateLimit('5/1s,1000/day')).toEqual({ maxPerInterval: 5, intervalMs: 1000, daily: 1000 });
  });

  test.each(['fast', '0/10s', '10/0s', '10/10', '10/10s,0/day', '-1/10s'])(
    'refuses %j, saying what it takes',
    (value) => {
      expect(() => parseRateLimit(value)).toThrow(
        expect.objectContaining({
          code: 'CLI_OPTION_INVALID',
          message: expect.stringContaining('use off, hubspot (110 per 10 s and 250,000 a day, as HubSpot)'),
        }),
      );
    },
  );

  test.each(['emulator', 'dev'])(
    'spoke %s refuses a bad --rate-limit before starting anything (exit 2)',
    async (command) => {
      const io = memoryIo();
      const extra = command === 'dev' ? ['--service', 'node server.js'] : ['--memory'];
      expect(await runCli(['node', 'spoke', command, ...extra, '--rate-limit', 'fast'], io)).toBe(2);
      expect(io.err()).toContain('--rate-limit "fast" is not a limit; use off, hubspot');
      process.exitCode = 0;
    },
  );

  test('2/60s answers the third call with 429; off never does', async () => {
    expect(await statuses('2/60s', 3)).toEqual([200, 200, 429]);
    expect(await statuses('off', 3)).toEqual([200, 200, 200]);
  });
});
