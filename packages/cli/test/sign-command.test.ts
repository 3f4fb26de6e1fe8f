import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Signature } from '@hubspot/api-client';
import { verifySignature } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { runSign } from '../src/commands/sign.ts';
import { memoryIo } from './helpers/memory-io.ts';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const url = 'https://www.example.com/webhook_uri';
const body = '{"example_field":"example_value"}';

function headerLines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
  );
}

describe('spoke sign', () => {
  test('prints v2 and v3 headers matching the docs/protocol.md vectors', async () => {
    const io = memoryIo();
    const code = await runSign(
      { secret, url, method: 'POST', body, timestamp: '1700000000000', version: 'all' },
      io,
    );
    expect(code).toBe(0);
    expect(headerLines(io.out())).toEqual({
      'X-HubSpot-Signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
      'X-HubSpot-Signature-Version': 'v2',
      'X-HubSpot-Signature-v3': 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
      'X-HubSpot-Request-Timestamp': '1700000000000',
    });
  });

  test('uses the injected clock for v3 and signs GET without a body by default', async () => {
    const io = memoryIo({ now: () => 1_700_000_123_456 });
    await runSign({ secret, url: `${url}?a=1`, version: 'v3' }, io);
    const headers = headerLines(io.out());
    expect(headers['X-HubSpot-Request-Timestamp']).toBe('1700000123456');
    const result = verifySignature({
      secret,
      method: 'GET',
      url: `${url}?a=1`,
      body: '',
      headers,
      now: 1_700_000_123_456,
    });
    expect(result).toMatchObject({ ok: true, version: 'v3' });
  });

  test('signs a v1 body that the official SDK accepts', async () => {
    const io = memoryIo();
    await runSign({ secret, url, body, version: 'v1' }, io);
    const headers = headerLines(io.out());
    expect(
      Signature.isValid({
        signature: headers['X-HubSpot-Signature'] ?? '',
        clientSecret: secret,
        requestBody: body,
        signatureVersion: 'v1',
      }),
    ).toBe(true);
  });

  test('reads the body from a file and from stdin byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spoke-sign-'));
    await writeFile(join(dir, 'body.json'), `${body}\n`);
    const fromFile = memoryIo({ cwd: dir });
    await runSign(
      { secret, url, body: '@body.json', timestamp: '1700000000000', version: 'v2', json: true },
      fromFile,
    );
    const fromStdin = memoryIo({ stdin: `${body}\n` });
    await runSign(
      { secret, url, body: '-', timestamp: '1700000000000', version: 'v2', json: true },
      fromStdin,
    );
    const a = JSON.parse(fromFile.out());
    expect(a).toMatchObject({ ok: true, method: 'POST', bodyBytes: body.length + 1 });
    expect(a.headers).toEqual(JSON.parse(fromStdin.out()).headers);
    expect(a.hashed.v2).toBe(`<secret>POST${url}${body}\n`);
  });

  test('prints a curl command that sends the exact bytes with --data-binary', async () => {
    const io = memoryIo();
    await runSign(
      {
        secret,
        url,
        method: 'POST',
        body: `{"name":"O'Brien"}`,
        timestamp: '1700000000000',
        version: 'all',
        curl: true,
      },
      io,
    );
    const text = io.out();
    expect(text).toContain('curl -sS -X POST https://www.example.com/webhook_uri');
    expect(text).toContain("-H 'X-HubSpot-Request-Timestamp: 1700000000000'");
    expect(text).toContain("-H 'Content-Type: application/json'");
    expect(text).toContain(`--data-binary '{"name":"O'\\''Brien"}'`);
  });

  test('refuses a relative URL as a usage error', async () => {
    await expect(runSign({ secret, url: '/hook', version: 'all' }, memoryIo())).rejects.toMatchObject({
      code: 'CLI_OPTION_INVALID',
      exitCode: 2,
    });
  });

  test('refuses a body file that does not exist', async () => {
    await expect(
      runSign({ secret, url, body: '@missing.json', version: 'all' }, memoryIo()),
    ).rejects.toMatchObject({
      code: 'CLI_FILE_UNREADABLE',
    });
  });
});
