import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CreateSpokeError, createProject, templateNames } from '../src/index.ts';
import { readOwnVersion } from '../src/read-own-version.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'create-spoke-project-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const sharedFiles = [
  '.gitignore',
  'README.md',
  'package.json',
  'scripts/check.ts',
  'spoke.config.json',
  'src/app.ts',
  'src/frame-page.ts',
  'src/hubspot/acknowledge-hook.ts',
  'src/hubspot/card-handler.ts',
  'src/hubspot/channel-connection-handler.ts',
  'src/hubspot/share-via-handlers.ts',
  'src/routes.ts',
  'src/server.ts',
  'src/service-env.ts',
  'test/app.test.ts',
  'tsconfig.build.json',
  'tsconfig.json',
];

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .replaceAll('\\', '/'),
    )
    .sort();
}

async function expectError(promise: Promise<unknown>, code: string): Promise<CreateSpokeError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the project was created`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CreateSpokeError);
  expect((error as CreateSpokeError).code).toBe(code);
  return error as CreateSpokeError;
}

interface Manifest {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

describe.each(templateNames)('template %s', (template) => {
  let dir: string;
  let created: Awaited<ReturnType<typeof createProject>>;
  beforeAll(async () => {
    dir = join(root, `My App ${template}`);
    created = await createProject({ dir, template });
  });

  test('writes the shared files and the server entry, and reports exactly what it wrote', async () => {
    expect(created.files).toEqual(sharedFiles);
    expect(await listTree(dir)).toEqual(sharedFiles);
    expect(created.template).toBe(template);
    expect(created.dir).toBe(dir);
  });

  test('fills every placeholder: the package name comes from the folder', async () => {
    expect(created.packageName).toBe(`my-app-${template}`);
    for (const file of created.files) {
      expect(await readFile(join(dir, file), 'utf8'), file).not.toMatch(/\{\{\w+\}\}/);
    }
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(new RegExp(`^# my-app-${template}\\n`));
    const config = JSON.parse(await readFile(join(dir, 'spoke.config.json'), 'utf8')) as {
      cards: { title: string }[];
    };
    expect(config.cards[0]?.title).toBe(`my-app-${template}`);
  });

  test('package.json depends on @spoke/* at ^ create-spoke’s own version, plus the server’s packages', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
    const version = readOwnVersion();
    const adapterDeps: Record<string, Record<string, string>> = {
      node: {},
      express: { express: '^5.2.0' },
      fastify: { fastify: '^5.12.0' },
      hono: { '@hono/node-server': '^2.1.9', hono: '^4.10.0' },
    };
    expect(manifest.name).toBe(`my-app-${template}`);
    expect(manifest.dependencies).toEqual({ '@spoke/framework': `^${version}`, ...adapterDeps[template] });
    expect(manifest.devDependencies).toEqual({
      '@spoke/cli': `^${version}`,
      '@types/node': '^20.19.0',
      ...(template === 'express' ? { '@types/express': '^5.0.6' } : {}),
      tsx: '^4.23.15',
      typescript: '~5.9.3',
      vitest: '~4.1.12',
    });
    expect(Object.keys(manifest.dependencies)).toEqual(Object.keys(manifest.dependencies).sort());
    expect(Object.keys(manifest.scripts).sort()).toEqual([
      'build',
      'check',
      'dev',
      'prestart',
      'start',
      'test',
    ]);
    expect(manifest.scripts.dev).toContain('spoke dev');
    expect(manifest.scripts.test).toBe('vitest run');
  });

  test('the server entry uses the template’s adapter', async () => {
    const server = await readFile(join(dir, 'src/server.ts'), 'utf8');
    const expected = {
      node: "from '@spoke/framework/node'",
      express: "from '@spoke/framework/express'",
      fastify: "from '@spoke/framework/fastify'",
      hono: "from '@hono/node-server'",
    }[template];
    expect(server).toContain(expected);
  });
});

test('the generated tsconfig is plain strict nodenext, without customConditions or exactOptionalPropertyTypes', async () => {
  const dir = join(root, 'tsconfig-check');
  await createProject({ dir });
  const tsconfig = JSON.parse(await readFile(join(dir, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  expect(tsconfig.compilerOptions).toMatchObject({
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
  });
  expect(tsconfig.compilerOptions).not.toHaveProperty('customConditions');
  expect(tsconfig.compilerOptions).not.toHaveProperty('exactOptionalPropertyTypes');
});

test('the version given in the options is the one depended on', async () => {
  const dir = join(root, 'pinned');
  await createProject({ dir, version: '9.8.7' });
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
  expect(manifest.dependencies['@spoke/framework']).toBe('^9.8.7');
  expect(manifest.devDependencies['@spoke/cli']).toBe('^9.8.7');
});

describe('refusals', () => {
  test('a folder that is not empty is refused and left as it was', async () => {
    const dir = join(root, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const error = await expectError(createProject({ dir }), 'CREATE_TARGET_NOT_EMPTY');
    expect(error.message).toMatch(/^\[create-spoke\] /);
    expect(error.message).toContain(dir);
    expect(error.message).toContain('--force');
    expect(error.exitCode).toBe(1);
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  test('an unknown template is a usage error listing the valid ones; nothing is written', async () => {
    const dir = join(root, 'unknown-template');
    const error = await expectError(createProject({ dir, template: 'koa' }), 'CREATE_TEMPLATE_UNKNOWN');
    expect(error.message).toContain('"koa"');
    expect(error.message).toContain('node, express, fastify, hono');
    expect(error.exitCode).toBe(2);
    expect(await readdir(root)).not.toContain('unknown-template');
  });

  test('a folder under a file cannot be written; the message names the file and nothing is left behind', async () => {
    const parent = join(root, 'unwritable');
    await mkdir(parent);
    await writeFile(join(parent, 'a-file'), '');
    const dir = join(parent, 'a-file', 'deeper', 'app');
    const error = await expectError(createProject({ dir }), 'CREATE_TARGET_UNWRITABLE');
    expect(error.message).toContain(`${join(parent, 'a-file')} is a file`);
    expect(error.exitCode).toBe(1);
    expect(await readdir(parent)).toEqual(['a-file']);
  });

  test('a target that is a file is refused', async () => {
    const dir = join(root, 'file-target');
    await writeFile(dir, 'x');
    await expectError(createProject({ dir }), 'CREATE_TARGET_NOT_DIRECTORY');
    expect(await readFile(dir, 'utf8')).toBe('x');
  });

  test('a failed write leaves neither the folder nor a temporary sibling', async () => {
    // The parent does not exist yet and its own parent is a file: creating it fails.
    const base = join(root, 'no-leftovers');
    await mkdir(base);
    await writeFile(join(base, 'blocker'), '');
    await expectError(createProject({ dir: join(base, 'blocker', 'app') }), 'CREATE_TARGET_UNWRITABLE');
    expect(await readdir(base)).toEqual(['blocker']);
  });
});

describe('--force', () => {
  test('writes into a folder that is not empty: same-name files replaced, others kept, no temp folder left', async () => {
    const parent = join(root, 'forced-parent');
    const dir = join(parent, 'forced');
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await writeFile(join(dir, 'README.md'), 'old readme');
    await writeFile(join(dir, 'src', 'extra.ts'), 'export {};\n');
    const created = await createProject({ dir, force: true, template: 'express' });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'src', 'extra.ts'), 'utf8')).toBe('export {};\n');
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toMatch(/^# forced\n/);
    expect(await listTree(dir)).toEqual([...created.files, 'notes.txt', 'src/extra.ts'].sort());
    expect(await readdir(parent)).toEqual(['forced']);
  });

  test('an empty folder needs no --force', async () => {
    const dir = join(root, 'empty');
    await mkdir(dir);
    const created = await createProject({ dir });
    expect(await listTree(dir)).toEqual(created.files);
  });
});
