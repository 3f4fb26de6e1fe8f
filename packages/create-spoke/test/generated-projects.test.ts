import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { sign } from '@spoke/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProject, type TemplateName, templateNames } from '../src/index.ts';
import { childEnv, type RunningService, repoRoot, runProcess, startService } from './helpers/processes.ts';

// Each template is generated once into a temp folder whose node_modules is a link to the
// repository's. The @spoke/* packages there are the workspaces, which resolve to dist/ (not built
// in tests) unless the `@spoke/source` condition is on: so vitest, tsc and node are run with it.
// The three slow runs (vitest, tsc, spoke check) are child processes and run concurrently.

let root: string;
const projectDir = (template: TemplateName) => join(root, template);
const services = new Map<TemplateName, RunningService>();
const secret = `secret-${randomUUID()}`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'create-spoke-generated-'));
  // For the one tsc run over all projects (its tsconfig sits here; `types: ["node"]` looks here).
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const template of templateNames) {
    await createProject({ dir: projectDir(template), template });
    await symlink(join(repoRoot, 'node_modules'), join(projectDir(template), 'node_modules'), 'dir');
  }
  // The servers start in the background while the vitest and tsc runs below use the CPU too.
  const started = await Promise.all(templateNames.map((t) => startService(projectDir(t), secret, 40_000)));
  templateNames.forEach((template, i) => {
    const service = started[i];
    if (service !== undefined) services.set(template, service);
  });
});

afterAll(async () => {
  await Promise.all([...services.values()].map((service) => service.stop()));
  await rm(root, { recursive: true, force: true });
});

test.concurrent("each project's own tests pass under the repository's vitest (zero config but the source condition)", async () => {
  const config = join(root, 'vitest.source.config.mjs');
  await writeFile(
    config,
    `export default {
  resolve: { conditions: ['@spoke/source'] },
  ssr: { resolve: { conditions: ['@spoke/source'] } },
  test: { include: ['*/test/**/*.test.ts'] },
};
`,
  );
  const vitest = join(repoRoot, 'node_modules/.bin/vitest');
  const result = await runProcess(vitest, ['run', '--root', root, '--config', config, '--reporter=json'], {
    cwd: root,
    timeoutMs: 80_000,
  });
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
    success: boolean;
    numPassedTests: number;
    numFailedTests: number;
    testResults: { name: string; status: string }[];
  };
  expect(report.numFailedTests, result.stderr).toBe(0);
  expect(report.success).toBe(true);
  expect(report.testResults.map((r) => relative(root, r.name).replaceAll('\\', '/')).sort()).toEqual(
    templateNames.map((t) => `${t}/test/app.test.ts`).sort(),
  );
  expect(report.numPassedTests).toBeGreaterThanOrEqual(templateNames.length * 10);
  expect(result.code).toBe(0);
}, 90_000);

test.concurrent("each project type-checks with its own tsconfig.json (plus the source condition) under the repository's tsc", async () => {
  // Every template writes the same tsconfig.json, so one tsc run that extends it checks them all.
  const own = await readFile(join(projectDir('node'), 'tsconfig.json'), 'utf8');
  for (const template of templateNames) {
    expect(await readFile(join(projectDir(template), 'tsconfig.json'), 'utf8')).toBe(own);
  }
  await writeFile(
    join(root, 'tsconfig.check.json'),
    JSON.stringify({
      extends: './node/tsconfig.json',
      compilerOptions: {
        customConditions: ['@spoke/source'],
        allowImportingTsExtensions: true,
        noEmit: true,
        rootDir: '.',
      },
      include: ['*/src', '*/test', '*/scripts'],
    }),
  );
  const tsc = join(repoRoot, 'node_modules/.bin/tsc');
  const result = await runProcess(tsc, ['-p', 'tsconfig.check.json', '--pretty', 'false', '--listFiles'], {
    cwd: root,
    timeoutMs: 80_000,
  });
  const lines = result.stdout.split('\n');
  // With the source condition tsc also checks the @spoke/* sources, under the project's options
  // rather than the repository's (exactOptionalPropertyTypes); those are not the project's errors.
  const errors = lines.filter((line) => /error TS\d+/.test(line));
  const projectErrors = errors.filter((line) => {
    const file = /^(.+?)\(\d+,\d+\): error/.exec(line)?.[1];
    return file === undefined || !relative(root, resolve(root, file)).startsWith('..');
  });
  expect(projectErrors).toEqual([]);
  const checked = lines.filter((line) => line.startsWith(root)).map((line) => relative(root, line));
  for (const template of templateNames) {
    expect(checked).toContain(`${template}/src/server.ts`);
    expect(checked).toContain(`${template}/test/app.test.ts`);
    expect(checked).toContain(`${template}/scripts/check.ts`);
  }
}, 90_000);

describe.each(templateNames)('the %s server', (template) => {
  test('answers a signed card request with two results, an unsigned one with 401', async () => {
    const service = services.get(template);
    if (service === undefined) throw new Error(`the ${template} service did not start`);
    const url = `${service.url}/hubspot/card?userId=1&userEmail=dev%40example.com&associatedObjectId=51&associatedObjectType=CONTACT&portalId=62515&email=ada%40example.com`;
    const headers = sign({ version: 'all', secret, method: 'GET', url, body: '', timestamp: Date.now() });
    const signed = await fetch(url, { headers });
    const body = (await signed.json()) as { results: { title: string; actions: { type: string }[] }[] };
    expect(signed.status).toBe(200);
    expect(body.results).toHaveLength(2);
    expect(body.results[0]?.title).toContain('ada@example.com');
    expect(body.results[0]?.actions.map((a) => a.type)).toEqual(['ACTION_HOOK', 'IFRAME']);
    for (const action of body.results.flatMap((r) => r.actions) as unknown as { uri: string }[]) {
      expect(action.uri.startsWith(`${service.url}/`)).toBe(true);
    }

    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe('SIGNATURE_MISSING');
  });

  test('serves the page the IFRAME action opens', async () => {
    const service = services.get(template);
    if (service === undefined) throw new Error(`the ${template} service did not start`);
    const page = await fetch(`${service.url}/frame?item=%3Cb%3E`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Item &lt;b&gt;');
    expect(html).toMatch(/postMessage\(.*DONE/);
  });
});

test('without HUBSPOT_CLIENT_SECRET the service stops at startup and says what to set', async () => {
  const result = await runProcess(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectDir('node'),
    env: childEnv({ PORT: '0', HUBSPOT_CLIENT_SECRET: '' }),
  });
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('HUBSPOT_CLIENT_SECRET is not set');
});

test.concurrent('npm run check (scripts/check.ts) starts the node service and every route passes spoke check', async () => {
  const result = await runProcess(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], {
    cwd: projectDir('node'),
    timeoutMs: 80_000,
  });
  expect(result.stdout, result.stderr).toContain('every route passed');
  expect(result.stdout.match(/^\d+ of \d+ cases passed$/gm)).toHaveLength(4);
  expect(result.code).toBe(0);
}, 90_000);
