import { numericStringSchema } from '@spoke/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import type { App } from '../../store/entities.ts';
import type { Store } from '../../store/store.ts';
import { parseInput } from '../parse-input.ts';

const appIdParamSchema = z.object({ appId: numericStringSchema });

function developerKey(c: Context): string | null {
  const query = c.req.query('hapikey');
  if (query) return query;
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const match = header.match(/^Bearer\s+(\S+)$/i);
  if (match?.[1]) return match[1];
  // Repeated headers arrive joined with ", "; say what was wrong instead of "no key".
  throw new SpokeEmulatorError(
    'API_UNAUTHORIZED',
    header.includes(',')
      ? 'the Authorization header carrying the developer API key was sent more than once; send one: Authorization: Bearer KEY.'
      : 'the Authorization header is not of the form "Bearer KEY"; pass the developer API key as ?hapikey=KEY or Authorization: Bearer KEY.',
  );
}

/**
 * Checks the developer API key (`?hapikey=` or `Authorization: Bearer`) and returns the app in
 * the path. 401 for a missing or unknown key, 404 for an app the key does not own. docs/protocol.md §2.1.
 */
export async function authorizeDeveloper(c: Context, store: Store): Promise<App> {
  const key = developerKey(c);
  if (!key) {
    throw new SpokeEmulatorError(
      'API_UNAUTHORIZED',
      'no developer API key: pass ?hapikey=KEY or the header Authorization: Bearer KEY.',
    );
  }
  const apps = await store.apps.list();
  if (!apps.some((app) => app.developerApiKey === key)) {
    throw new SpokeEmulatorError(
      'API_UNAUTHORIZED',
      'the developer API key is not valid; `spoke emulator` prints the key it accepts.',
    );
  }
  const { appId } = parseInput(appIdParamSchema, { appId: c.req.param('appId') }, 'path');
  const app = apps.find((candidate) => candidate.id === Number(appId));
  if (!app || app.developerApiKey !== key) {
    throw new SpokeEmulatorError('API_NOT_FOUND', `no app ${appId} belongs to this developer API key.`);
  }
  return app;
}
