import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { renderTemplate } from '../src/render-template.ts';

// An incomplete create-spoke install (a template folder or the base package.json gone) is named
// as such, with how to mend it, instead of failing on a file system error.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'create-spoke-templates-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const values = { name: 'my-app', version: '1.2.3', adapter: 'node:http' };
const root = () => pathToFileURL(`${dir}/`);

describe('renderTemplate on an incomplete install', () => {
  test('a missing template folder is CREATE_TEMPLATE_MISSING, naming the folder', async () => {
    await mkdir(join(dir, 'base'));
    await writeFile(join(dir, 'base', 'package.json'), '{"name":"{{name}}"}');
    await expect(renderTemplate('node', values, root())).rejects.toMatchObject({
      code: 'CREATE_TEMPLATE_MISSING',
      message: expect.stringContaining(join(dir, 'node')),
    });
  });

  test('a base without package.json is CREATE_TEMPLATE_MISSING, naming the file', async () => {
    await mkdir(join(dir, 'base'));
    await mkdir(join(dir, 'node'));
    await writeFile(join(dir, 'base', 'README.md'), '# {{name}}');
    await expect(renderTemplate('node', values, root())).rejects.toMatchObject({
      code: 'CREATE_TEMPLATE_MISSING',
      message: expect.stringContaining('templates/base/package.json is missing'),
    });
  });

  test('a complete pair of folders renders, placeholders filled (the same root works)', async () => {
    await mkdir(join(dir, 'base'));
    await mkdir(join(dir, 'node'));
    await writeFile(join(dir, 'base', 'package.json'), '{"name":"{{name}}"}');
    await writeFile(join(dir, 'node', '_gitignore'), 'node_modules\n');
    const files = await renderTemplate('node', values, root());
    expect(files.map((file) => file.path)).toEqual(['.gitignore', 'package.json']);
    expect(JSON.parse(files[1]?.content ?? '')).toEqual({ name: 'my-app' });
  });
});
