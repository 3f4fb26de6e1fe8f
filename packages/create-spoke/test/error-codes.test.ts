import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { askQuestions } from '../src/ask-questions.ts';
import { createProject } from '../src/create-project.ts';
import { installDependencies } from '../src/install-dependencies.ts';
import { parseArgs } from '../src/parse-args.ts';

// Codes the CLI tests meet only through their messages: each produced here and asserted by name.

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'create-spoke-codes-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('create-spoke error codes', () => {
  test('CREATE_OPTION_INVALID: an unknown option, pointing at --help', () => {
    expect(() => parseArgs(['--bogus'])).toThrow(
      expect.objectContaining({ code: 'CREATE_OPTION_INVALID', status: 400, exitCode: 2 }),
    );
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option --bogus.*--help/);
  });

  test('CREATE_DIR_MISSING: a blank folder name writes nothing', async () => {
    await expect(createProject({ dir: '   ', cwd: root })).rejects.toMatchObject({
      code: 'CREATE_DIR_MISSING',
      message: expect.stringContaining('Give a folder name'),
    });
    expect(await readdir(root)).toEqual([]);
  });

  test('CREATE_CANCELLED: input that ends before the first answer cancels, nothing written', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    input.end();
    await expect(
      askQuestions({ input, output }, { dir: true, template: true, install: true }),
    ).rejects.toMatchObject({
      code: 'CREATE_CANCELLED',
      message: expect.stringContaining('nothing was written'),
    });
  });

  test('CREATE_INSTALL_FAILED: npm cannot start in a folder that is gone; the message says the project is written', async () => {
    const gone = join(root, 'removed-before-install');
    await expect(installDependencies(gone)).rejects.toMatchObject({
      code: 'CREATE_INSTALL_FAILED',
      message: expect.stringContaining(`npm install in ${gone} could not start`),
    });
  });
});
