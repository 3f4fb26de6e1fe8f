import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliIo, runCli } from '../src/index.ts';
import { readOwnVersion } from '../src/read-own-version.ts';
import { createSpokeBin, runProcess } from './helpers/processes.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'create-spoke-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the CLI in process with in-memory streams; `answers` are typed into stdin when given. */
async function run(args: string[], options: { interactive?: boolean; answers?: string } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  let stdinRead = false;
  stdin.on('resume', () => {
    stdinRead = true;
  });
  if (options.answers !== undefined) stdin.end(options.answers);
  const installed: string[] = [];
  const io: CliIo = {
    stdin,
    stdout,
    stderr,
    interactive: options.interactive ?? false,
    cwd: root,
    install: async (dir) => {
      installed.push(dir);
    },
  };
  const code = await runCli(args, io);
  return { code, stdout: out, stderr: err, stdinRead, installed };
}

describe('usage', () => {
  test('--help lists the options and the templates, exit 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const text of [
      '--template',
      '--install',
      '--no-install',
      '--force',
      'node',
      'express',
      'fastify',
      'hono',
    ]) {
      expect(result.stdout).toContain(text);
    }
  });

  test('--version prints create-spoke’s version', async () => {
    const result = await run(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${readOwnVersion()}\n` });
  });

  test.each([
    [['--bogus'], 'unknown option --bogus'],
    [['a', 'b'], 'one project folder is expected'],
    [['app', '--template'], '--template needs a template name'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\[create-spoke\] /);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--help');
  });

  test('an unknown template exits 2 and lists the valid ones', async () => {
    const result = await run(['app', '--template', 'koa']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('node, express, fastify, hono');
    expect(await readdir(root)).not.toContain('app');
  });
});

describe('without a terminal', () => {
  test('no folder is a usage error, and nothing is asked', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no project folder given');
    expect(result.stdout).toBe('');
    expect(result.stdinRead).toBe(false);
  });

  test('a folder alone creates the node project without asking, and prints the next steps', async () => {
    const result = await run(['plain']);
    expect(result.code).toBe(0);
    expect(result.stdinRead).toBe(false);
    expect(result.installed).toEqual([]);
    expect(result.stdout).toContain('(template node)');
    const steps = result.stdout.slice(result.stdout.indexOf('Next steps:'));
    expect(steps).toMatch(/cd plain\n\s+npm install\n\s+npm run dev.*\n\s+npm test.*\n\s+npm run check/);
    expect(JSON.parse(await readFile(join(root, 'plain', 'package.json'), 'utf8'))).toMatchObject({
      name: 'plain',
    });
  });

  test('--install runs the installer in the new folder and drops "npm install" from the next steps', async () => {
    const result = await run(['installed', '--template', 'hono', '--install']);
    expect(result.code).toBe(0);
    expect(result.installed).toEqual([join(root, 'installed')]);
    expect(result.stdout).not.toMatch(/^\s+npm install$/m);
  });

  test('a folder that is not empty exits 1 naming the folder and --force; --force then writes', async () => {
    const refused = await run(['plain']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(join(root, 'plain'));
    expect(refused.stderr).toContain('--force');
    const forced = await run(['plain', '--force', '--template', 'fastify']);
    expect(forced.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(root, 'plain', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies).toHaveProperty('fastify');
  });
});

describe('on a terminal', () => {
  test('asks for the folder, the template (by number) and whether to install', async () => {
    const result = await run([], { interactive: true, answers: 'asked\n2\ny\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Project folder');
    expect(result.stdout).toContain('Template');
    expect(result.stdout).toContain('(template express)');
    expect(result.installed).toEqual([join(root, 'asked')]);
  });

  test('Enter takes the defaults; an unknown template is asked again', async () => {
    const result = await run([], { interactive: true, answers: '\nkoa\nhono\n\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('There is no template "koa"');
    expect(result.stdout).toContain(`Created spoke-app (template hono) in ${join(root, 'spoke-app')}`);
    expect(result.installed).toEqual([]);
  });

  test('a folder with --no-install asks nothing', async () => {
    const result = await run(['quiet', '--no-install'], { interactive: true });
    expect(result.code).toBe(0);
    expect(result.stdinRead).toBe(false);
    expect(result.stdout).not.toContain('Template (');
    expect(result.stdout).toContain('(template node)');
  });

  test('the end of input cancels: exit 1, nothing written', async () => {
    const result = await run([], { interactive: true, answers: 'half-done\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cancelled');
    expect(await readdir(root)).not.toContain('half-done');
  });
});

test('the bin, with stdin a pipe (not a terminal), creates DIR --no-install without prompting', async () => {
  const result = await runProcess(process.execPath, [createSpokeBin, 'from-bin', '--no-install'], {
    cwd: root,
    stdin: 'pipe',
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Created from-bin (template node) in ${join(root, 'from-bin')}`);
  expect(result.stdout).not.toContain('?');
});
