import { describe, expect, test } from 'vitest';
import { openDatabase } from '../src/db/open-database.ts';
import { readTrackerEnv } from '../src/read-tracker-env.ts';

describe('readTrackerEnv', () => {
  test('reads a minimal environment with SQLite, port 3500 and no proxy', () => {
    expect(readTrackerEnv({ HUBSPOT_CLIENT_SECRET: 'abc' })).toEqual({
      clientSecrets: ['abc'],
      publicUrl: undefined,
      trustProxy: false,
      databaseUrl: undefined,
      sqliteFile: '.spoke/bug-tracker.db',
      port: 3500,
      host: undefined,
      demo: null,
      hubspot: null,
    });
  });

  test("HUBSPOT_CLIENT_ID turns on the install, on HubSpot's own URLs unless told otherwise", () => {
    expect(readTrackerEnv({ HUBSPOT_CLIENT_SECRET: 'abc', HUBSPOT_CLIENT_ID: ' id-1 ' }).hubspot).toEqual({
      clientId: 'id-1',
      appUrl: 'https://app.hubspot.com',
      apiUrl: 'https://api.hubapi.com',
    });
    const local = readTrackerEnv({
      HUBSPOT_CLIENT_SECRET: 'abc',
      HUBSPOT_CLIENT_ID: 'id-1',
      HUBSPOT_APP_URL: 'http://127.0.0.1:3400/',
      HUBSPOT_API_URL: 'http://127.0.0.1:3400',
    });
    expect(local.hubspot).toEqual({
      clientId: 'id-1',
      appUrl: 'http://127.0.0.1:3400',
      apiUrl: 'http://127.0.0.1:3400',
    });
  });

  test('splits rotating secrets on commas, newest first', () => {
    expect(readTrackerEnv({ HUBSPOT_CLIENT_SECRET: ' new , old ' }).clientSecrets).toEqual(['new', 'old']);
  });

  test('reads the production settings', () => {
    const env = readTrackerEnv({
      HUBSPOT_CLIENT_SECRET: 'abc',
      PUBLIC_URL: 'https://tracker.example.com',
      TRUST_PROXY: 'true',
      DATABASE_URL: 'postgres://tracker@db:5432/tracker',
      PORT: '8080',
      HOST: '0.0.0.0',
    });
    expect(env).toMatchObject({
      publicUrl: 'https://tracker.example.com',
      trustProxy: true,
      databaseUrl: 'postgres://tracker@db:5432/tracker',
      port: 8080,
      host: '0.0.0.0',
    });
  });

  test('reads the demo records npm start passes', () => {
    const env = readTrackerEnv({
      HUBSPOT_CLIENT_SECRET: 'abc',
      SEED_DEMO_DATA: '1',
      DEMO_RECORDS: '[{"portalId":62515,"objectType":"CONTACT","objectId":"101","extra":true}]',
    });
    expect(env.demo).toEqual({ records: [{ portalId: 62515, objectType: 'CONTACT', objectId: '101' }] });
  });

  test.each([
    [{}, 'HUBSPOT_CLIENT_SECRET'],
    [{ HUBSPOT_CLIENT_SECRET: ' , ' }, 'HUBSPOT_CLIENT_SECRET'],
    [{ HUBSPOT_CLIENT_SECRET: 'a', PORT: 'eighty' }, 'PORT'],
    [{ HUBSPOT_CLIENT_SECRET: 'a', PORT: '70000' }, 'PORT'],
    [{ HUBSPOT_CLIENT_SECRET: 'a', TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ HUBSPOT_CLIENT_SECRET: 'a', PUBLIC_URL: 'tracker.example.com' }, 'PUBLIC_URL'],
    [
      { HUBSPOT_CLIENT_SECRET: 'a', HUBSPOT_CLIENT_ID: 'i', HUBSPOT_API_URL: 'api.hubapi.com' },
      'HUBSPOT_API_URL',
    ],
    [{ HUBSPOT_CLIENT_SECRET: 'a', HUBSPOT_CLIENT_ID: 'i', HUBSPOT_APP_URL: 'ftp://x' }, 'HUBSPOT_APP_URL'],
    [
      { HUBSPOT_CLIENT_SECRET: 'a', SEED_DEMO_DATA: 'true', DEMO_RECORDS: '[{"objectId":1}]' },
      'DEMO_RECORDS',
    ],
    [{ HUBSPOT_CLIENT_SECRET: 'a', SEED_DEMO_DATA: 'true', DEMO_RECORDS: 'not json' }, 'DEMO_RECORDS'],
  ])('refuses %j naming %s (TRACKER_ENV_INVALID)', (env, name) => {
    expect(() => readTrackerEnv(env)).toThrow(
      expect.objectContaining({ code: 'TRACKER_ENV_INVALID', message: expect.stringContaining(name) }),
    );
  });
});

describe('openDatabase', () => {
  test('refuses a DATABASE_URL that is not postgres://', async () => {
    await expect(openDatabase({ databaseUrl: 'mysql://db/x', sqliteFile: ':memory:' })).rejects.toMatchObject(
      {
        code: 'TRACKER_DATABASE_URL_INVALID',
      },
    );
  });

  test('says when Postgres cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(
      openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', sqliteFile: ':memory:' }),
    ).rejects.toMatchObject({ code: 'TRACKER_DATABASE_UNAVAILABLE' });
  });

  test('opens SQLite when no DATABASE_URL is set', async () => {
    const db = await openDatabase({ databaseUrl: '', sqliteFile: ':memory:' });
    expect(db.dialect).toBe('sqlite');
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
  });
});
