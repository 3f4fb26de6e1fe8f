import { createApp } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { describe, expect, test } from 'vitest';
import { memoryLogger, secret } from './support.ts';

describe('an invalid card reply names the likely mistake', () => {
  test('an iframe action returned as an item says where it belongs', async () => {
    const logger = memoryLogger();
    const app = createApp({ clientSecret: secret, logger, development: true }).crmCard('/card', () => ({
      // A JavaScript caller can do this; the types stop TypeScript callers.
      results: [{ type: 'IFRAME', uri: 'https://svc.example.com/frame', width: 600, height: 400 } as never],
    }));
    const res = await createTestClient(app, { clientSecret: secret }).cardFetch('/card');
    expect(res.status).toBe(500);
    expect(res.error).toMatchObject({
      code: 'REPLY_INVALID',
      issues: [{ path: 'results.0', message: expect.stringContaining('put it in `primaryAction`') }],
    });
    expect(logger.entries[0]?.message).toContain('this looks like an iframe action');
  });
});
