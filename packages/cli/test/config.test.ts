// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { interpolateEnv } from '../src/config/interpolate-env.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { configCard } from './helpers/fixtures.ts';

async function configFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spoke-config-'));
  await writeFile(
    join(dir, 'spoke.config.json'),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return dir;
}

describe('interpolateEnv', () => {
  test('substitutes ${VAR} and ${VAR:-default} in nested string values only', () => {
    const value = { a: '${HOST}/x', b: ['${MISSING:-http://127.0.0.1:3500}'], '${KEY}': 1, n: 2 };
    expect(interpolateEnv(value, { HOST: 'https://h.example', KEY: 'no' })).toEqual({
      a: 'https://h.example/x',
      b: ['http://127.0.0.1:3500'],
      '${KEY}': 1,
      n: 2,
    });
  });

  test('treats an empty variable as unset and $${ as a literal', () => {
    expect(interpolateEnv('${E:-d} $${E}', { E: '' })).toBe('d ${E}');
  });

  test('names every unset variable without a default and where it is used', () => {
    expect(() => interpolateEnv({ cards: [{ fetch: { targetUrl: '${SERVICE_URL}/card' } }] }, {})).toThrow(
      /\$\{SERVICE_URL\} at cards\.0\.fetch\.targetUrl/,
    );
    expect(() => interpolateEnv('${A}', {})).toThrowError(
      expect.objectContaining({ code: 'CONFIG_ENV_UNSET' }),
    );
  });
});

describe('loadConfig', () => {
  test('reads, interpolates and validates a config', async () => {
    const card = configCard({
      fetch: {
        targetUrl: '${SERVICE_URL:-http://127.0.0.1:3500}/card',
        objectTypes: [{ name: 'deals', propertiesToSend: [] }],
      },
    });
    const dir = await configFile({
      appId: '${APP:-1000}',
      cards: [card],
      shareVia: { targetBaseUrl: 'http://127.0.0.1:3500/share' },
    });
    const { config, raw } = await loadConfig('spoke.config.json', dir, { SERVICE_URL: 'http://svc.test' });
    expect(config.cards?.[0]?.fetch.targetUrl).toBe('http://svc.test/card');
    expect(config.appId).toBe('1000');
    expect((raw as { cards: { fetch: { targetUrl: string } }[] }).cards[0]?.fetch.targetUrl).toContain(
      '${SERVICE_URL',
    );
  });

  test('refuses a missing file, bad JSON, and a schema mismatch with their codes', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'spoke-config-'));
    await expect(loadConfig('spoke.config.json', empty, {})).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      exitCode: 2,
    });
    await expect(
      loadConfig('spoke.config.json', await configFile('{"cards": [],}'), {}),
    ).rejects.toMatchObject({ code: 'CONFIG_NOT_JSON' });
    const invalid = await configFile({
      cards: [configCard({ fetch: { targetUrl: 'not a url', objectTypes: [] } })],
      extra: true,
    });
    const error = await loadConfig('spoke.config.json', invalid, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as { details: string[] }).details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cards\.0\.fetch\.targetUrl: /),
        expect.stringMatching(/^cards\.0\.fetch\.objectTypes: /),
        expect.stringMatching(/extra/),
      ]),
    );
  });

  test('refuses duplicate titles and keys, since cards are matched by title', async () => {
    const dir = await configFile({ cards: [configCard(), configCard()] });
    const error = await loadConfig('spoke.config.json', dir, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as { details: string[] }).details).toEqual([
      expect.stringMatching(/^cards\.1\.key: duplicates cards\.0\.key/),
      expect.stringMatching(/^cards\.1\.title: duplicates cards\.0\.title/),
    ]);
  });

  test('refuses more than 25 cards before anything else', async () => {
    const cards = Array.from({ length: 26 }, (_, i) => configCard({ key: `c${i}`, title: `Card ${i}` }));
    await expect(loadConfig('spoke.config.json', await configFile({ cards }), {})).rejects.toMatchObject({
      code: 'CONFIG_TOO_MANY_CARDS',
      message: expect.stringContaining('26 cards'),
    });
  });
});
