import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function emulatorWith(uiDir: string): Promise<Emulator> {
  const emulator = await createEmulator({ uiDir });
  cleanup.push(() => emulator.close());
  return emulator;
}

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spoke-ui-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('the web UI at /', () => {
  test('serves the UI build: index.html for / and for client-side routes, assets with their type', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Spoke UI build</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const emulator = await emulatorWith(dir);

    const index = await emulator.fetch(new Request('http://127.0.0.1/'));
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('Spoke UI build');
    const route = await emulator.fetch(new Request('http://127.0.0.1/records/contacts/1'));
    expect(await route.text()).toContain('Spoke UI build');
    const asset = await emulator.fetch(new Request('http://127.0.0.1/assets/app.js'));
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe('console.log(1)');
  });

  test('without a UI build, / says the UI is missing and how to get it; the API still answers', async () => {
    const emulator = await emulatorWith(await folder());
    const page = await emulator.fetch(new Request('http://127.0.0.1/'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The web UI (record pages, Share Via, the inspector) is not in this copy');
    expect(html).toContain('npm run build');
    expect(html).toContain('npx spoke emulator');
    const health = await emulator.fetch(new Request('http://127.0.0.1/_spoke/health'));
    expect(health.status).toBe(200);
  });
});
