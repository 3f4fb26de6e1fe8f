import { readFileSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../../../tests/helpers/build-ui.ts';
import { type DevCommandOptions, runDev } from '../src/commands/dev.ts';
import { watchPaths } from '../src/dev/watch-paths.ts';
import type { ExitCode } from '../src/errors.ts';
import { createDevProject, type DevProject, isAlive, waitFor } from './helpers/dev-project.ts';
import { type MemoryIo, memoryIo } from './helpers/memory-io.ts';

/** An in-memory io that also keeps stdout and stderr interleaved in the order they were written. */
function recordingIo(project: DevProject): MemoryIo & { all(): string } {
  let all = '';
  const base = memoryIo({ cwd: project.dir, env: project.env, fetch: globalThis.fetch, now: Date.now });
  const tee = (sink: MemoryIo['stdout']) => ({
    write: (chunk: string) => {
      all += chunk;
      return sink.write(chunk);
    },
  });
  return { ...base, stdout: tee(base.stdout), stderr: tee(base.stderr), all: () => all };
}

// One `spoke dev` session, driven in-process on real files; the tests run in order and each
// counts service starts from the file the service appends its pid to.
// A restart is a stop (up to the 3 s kill grace) and a fresh Node process: on a loaded 2-core CI
// machine that can take well over the usual 0.5 s, so the waits are generous (they end on the condition).
describe('spoke dev on real files', { timeout: 90_000 }, () => {
  let project: DevProject;
  let io: ReturnType<typeof recordingIo>;
  let stop: () => void = () => undefined;
  let running: Promise<ExitCode>;
  let emulatorUrl = '';
  let sentinels = 0;
  const output = () => io.all();
  const options = (overrides: Partial<DevCommandOptions> = {}): DevCommandOptions => ({
    service: 'node src/service.mjs',
    config: 'spoke.config.json',
    port: '0',
    host: '127.0.0.1',
    secret: 'dev-loop-secret',
    ...overrides,
  });
  const occurrences = (text: string, from = 0) => output().slice(from).split(text).length - 1;
  const state = () => `starts ${JSON.stringify(project.starts())}; output:\n${output()}`;

  /** The title of the app's card, read through the developer API. */
  async function cardTitles(): Promise<string[]> {
    const key = (
      (await (await fetch(`${emulatorUrl}/_spoke/apps/1000`)).json()) as { developerApiKey: string }
    ).developerApiKey;
    const cards = (await (
      await fetch(`${emulatorUrl}/crm/v3/extensions/cards-dev/1000?hapikey=${key}`)
    ).json()) as {
      results: { title: string }[];
    };
    return cards.results.map((card) => card.title);
  }

  /**
   * Edits a watched file and waits until the service started once more after that edit: a
   * duplicate restart left over from an earlier change would have run before it, so the count
   * after the sentinel's start is exact.
   */
  async function sentinelRestart(): Promise<void> {
    sentinels += 1;
    const name = `sentinel-${sentinels}.txt`;
    const mark = output().length;
    const before = project.starts().length;
    await writeFile(join(project.dir, name), `change ${sentinels}\n`);
    await waitFor(
      () =>
        output().slice(mark).includes(`${name} changed; restarting the service`) &&
        project.starts().length > before,
      () => `a restart for ${name}; ${state()}`,
    );
  }

  /** Applies `change`, waits for its restart, then proves with a sentinel edit that it restarted exactly once. */
  async function expectOneRestart(change: () => Promise<void>, shownAs: string): Promise<void> {
    const before = project.starts().length;
    const mark = output().length;
    await change();
    await waitFor(
      () => project.starts().length >= before + 1,
      () => `a restart after ${shownAs}; ${state()}`,
    );
    expect(output().slice(mark)).toContain(`${shownAs} changed; restarting the service`);
    await sentinelRestart();
    expect(project.starts().length).toBe(before + 2);
  }

  beforeAll(async () => {
    ensureUiBuilt();
    project = await createDevProject();
    io = recordingIo(project);
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    running = runDev(options(), io, () => stopped);
    await waitFor(
      () => /watching \. and spoke\.config\.json\. Ctrl-C stops\./.test(io.out()),
      () => `dev to start; output:\n${output()}`,
      20_000,
    );
    emulatorUrl = /emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1] ?? '';
    await waitFor(
      () => output().includes(`the service listens on 127.0.0.1:${project.servicePort}`),
      () => `the service to listen; ${state()}`,
    );
  });

  afterAll(async () => {
    stop();
    await running?.catch(() => undefined);
  });

  test('prints a record page URL that serves the UI, the inspector, and the service once started', async () => {
    expect(project.starts()).toHaveLength(1);
    expect(io.out()).toContain('+ card "Issues" (issues): create');
    const page = /the card on a record page: (http:\/\/\S+\/#\/records\/contacts\/(\d+))/.exec(io.out());
    expect(page, io.out()).not.toBeNull();
    const [, pageUrl = '', id = ''] = page ?? [];
    expect(pageUrl.startsWith(`${emulatorUrl}/#/records/contacts/`)).toBe(true);
    const html = await (await fetch(pageUrl)).text();
    expect(html).toBe(readFileSync(join(ensureUiBuilt(), 'index.html'), 'utf8'));
    expect((await fetch(`${emulatorUrl}/_spoke/records/contacts/${id}`)).status).toBe(200);
    expect(io.out()).toContain(`the inspector (every signed request): ${emulatorUrl}/#/inspector`);
    expect(output()).toContain(`[service] service up ${project.starts()[0]}`);
  });

  test('an edit restarts the service exactly once', async () => {
    await expectOneRestart(
      () => appendFile(join(project.dir, 'src/service.mjs'), '// edited\n'),
      'src/service.mjs',
    );
  });

  test('an atomic save (temp file renamed over the file) restarts exactly once', async () => {
    const target = join(project.dir, 'src/service.mjs');
    await expectOneRestart(async () => {
      const temp = join(project.dir, 'src/.service.mjs.tmp-4711');
      await writeFile(temp, `${readFileSync(target, 'utf8')}// saved atomically\n`);
      await rename(temp, target);
    }, 'src/service.mjs');
    // The watch survives the rename: a plain edit of the replaced file still restarts.
    await expectOneRestart(() => appendFile(target, '// edited after the rename\n'), 'src/service.mjs');
  });

  test('a new file, and a new file in a new subfolder, each restart exactly once', async () => {
    await expectOneRestart(() => writeFile(join(project.dir, 'src/new.mjs'), 'export {};\n'), 'src/new.mjs');
    await expectOneRestart(async () => {
      await mkdir(join(project.dir, 'src/lib/deep'), { recursive: true });
      await writeFile(join(project.dir, 'src/lib/deep/util.mjs'), 'export {};\n');
    }, 'src/lib/deep/util.mjs');
    // Files in that folder are watched from then on.
    await expectOneRestart(
      () => appendFile(join(project.dir, 'src/lib/deep/util.mjs'), '// more\n'),
      'src/lib/deep/util.mjs',
    );
  });

  test('a deleted file restarts exactly once', async () => {
    await expectOneRestart(() => rm(join(project.dir, 'src/new.mjs')), 'src/new.mjs (deleted)');
  });

  test('a burst of changes to several files (a branch switch) restarts once', async () => {
    await expectOneRestart(async () => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        await writeFile(join(project.dir, 'src', `${name}.mjs`), `export const ${name} = 1;\n`);
      }
      await appendFile(join(project.dir, 'src/service.mjs'), '// burst\n');
    }, 'and 3 more');
  });

  test('editor temp files and ignored folders restart nothing', async () => {
    const before = project.starts().length;
    for (const name of ['.service.mjs.swp', 'service.mjs~', '4913', '.#service.mjs', 'debug.log'])
      await writeFile(join(project.dir, 'src', name), 'scratch\n');
    for (const folder of ['node_modules/pkg', 'dist', '.spoke', 'coverage', '.git']) {
      await mkdir(join(project.dir, folder), { recursive: true });
      await writeFile(join(project.dir, folder, 'file.js'), 'x\n');
    }
    await sentinelRestart();
    expect(project.starts().length).toBe(before + 1);
  });

  test('a config edit pushes exactly once and does not restart the service', async () => {
    const before = project.starts().length;
    const mark = output().length;
    await project.writeConfig('Bugs', 'Issues');
    await waitFor(
      () => output().slice(mark).includes('~ card "Bugs" (issues)'),
      () => `the push; ${state()}`,
    );
    expect(await cardTitles()).toEqual(['Bugs']);
    await sentinelRestart();
    expect(occurrences('spoke.config.json changed; pushing', mark)).toBe(1);
    expect(project.starts().length).toBe(before + 1);
  });

  test('a deleted config keeps the last push; recreating it pushes', async () => {
    const config = join(project.dir, 'spoke.config.json');
    const mark = output().length;
    await rm(config);
    await waitFor(
      () =>
        output()
          .slice(mark)
          .includes('spoke.config.json was deleted; the emulator keeps the config pushed last'),
      () => `the deletion message; ${state()}`,
    );
    expect(output().slice(mark)).toContain('docs/errors.md#dev-config-deleted');
    expect(await cardTitles()).toEqual(['Bugs']);
    await project.writeConfig('Tasks', 'Bugs');
    await waitFor(
      () => output().slice(mark).includes('~ card "Tasks" (issues)'),
      () => `the push of the recreated config; ${state()}`,
    );
    expect(await cardTitles()).toEqual(['Tasks']);
  });

  test('a crashing service shows its output and the exit line, and starts again on the next save', async () => {
    const mark = output().length;
    await writeFile(project.crashFile, 'crash\n');
    await sentinelRestart();
    await waitFor(
      () =>
        output().slice(mark).includes('the service exited with code 3; spoke dev waits for the next save'),
      () => `the exit line; ${state()}`,
    );
    const after = output().slice(mark);
    expect(after).toContain('[service] boom: CRASH_FILE exists');
    expect(after.indexOf('[service] boom')).toBeLessThan(after.indexOf('exited with code 3'));
    expect(after).toContain('docs/errors.md#dev-service-exited');
    expect(after).not.toContain('the service listens on');
    await rm(project.crashFile);
    const crashed = project.starts().length;
    await sentinelRestart();
    await waitFor(
      () => output().includes(`[service] service up ${project.starts().at(-1)}`),
      () => `the service up again; ${state()}`,
    );
    expect(project.starts().length).toBe(crashed + 1);
  });

  test('a taken --port stops before starting anything, naming the port and how to pick another', async () => {
    const port = new URL(emulatorUrl).port;
    const before = project.starts().length;
    const other = memoryIo({ cwd: project.dir, env: project.env, fetch: globalThis.fetch });
    const error = await runDev(options({ port }), other, () => new Promise(() => undefined)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'DEV_PORT_IN_USE', exitCode: 2 });
    expect((error as Error).message).toContain(`port ${port} on 127.0.0.1 is taken`);
    expect((error as Error).message).toContain('--port 0 for a free one');
    expect(other.out()).not.toContain('starting the service');
    expect(project.starts().length).toBe(before);
  });

  test('stopping kills the service and returns 0', async () => {
    const pid = project.starts().at(-1) ?? 0;
    expect(isAlive(pid)).toBe(true);
    stop();
    expect(await running).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(io.err()).toContain('Stopping…');
    const refused = await fetch(emulatorUrl).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});

describe('spoke dev with a command the shell cannot find', () => {
  test('prints the exit line with code 127 and keeps running', async () => {
    const project = await createDevProject();
    const io = recordingIo(project);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runDev(
      { service: 'spoke-no-such-command-4711', config: 'spoke.config.json', port: '0', host: '127.0.0.1' },
      io,
      () => stopped,
    );
    try {
      await waitFor(
        () => io.err().includes('the service exited with code 127 (the shell did not find the command)'),
        () => `the exit line; output:\n${io.out()}${io.err()}`,
      );
      expect(io.err()).toMatch(/\[service\] .*spoke-no-such-command-4711.*not found/);
    } finally {
      stop();
      expect(await running).toBe(0);
    }
  });
});

describe('spoke dev when watching files fails', () => {
  test('warns with the reason and the docs of DEV_WATCH_FAILED, and keeps the emulator running', async () => {
    const project = await createDevProject();
    const io = recordingIo(project);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    // The watcher chokidar runs out of inotify watches once it is up: HubSpot app folders with a
    // large node_modules hit ENOSPC on Linux's default limit.
    const failingWatch: typeof watchPaths = (watchOptions) => {
      const watcher = watchPaths(watchOptions);
      void watcher.ready.then(() =>
        watchOptions.onError(new Error('ENOSPC: System limit for number of file watchers reached')),
      );
      return watcher;
    };
    const running = runDev(
      { service: 'node src/service.mjs', config: 'spoke.config.json', port: '0', host: '127.0.0.1' },
      io,
      () => stopped,
      { watch: failingWatch },
    );
    try {
      await waitFor(
        () => io.err().includes('watching files failed'),
        () => `the watch warning; output:\n${io.all()}`,
      );
      expect(io.err()).toContain(
        'watching files failed (ENOSPC: System limit for number of file watchers reached); changes may go unnoticed. Watch less with --watch <folder>. See docs/errors.md#dev-watch-failed',
      );
      const emulatorUrl = /emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1] ?? '';
      expect((await fetch(`${emulatorUrl}/_spoke/apps/1000`)).status).toBe(200);
    } finally {
      stop();
      expect(await running).toBe(0);
    }
  });
});
