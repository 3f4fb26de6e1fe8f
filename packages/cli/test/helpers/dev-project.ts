// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { configCard } from './fixtures.ts';

/** A spoke.config.json with one contacts card at `${SERVICE_URL}/card` (renamed from `renamedFrom`). */
export function devConfig(title: string, renamedFrom?: string): string {
  return JSON.stringify({
    cards: [
      configCard({
        title,
        ...(renamedFrom ? { renamedFrom } : {}),
        fetch: {
          targetUrl: '${SERVICE_URL}/card',
          objectTypes: [{ name: 'contacts', propertiesToSend: [] }],
        },
        actions: { baseUrls: ['${SERVICE_URL}'] },
      }),
    ],
  });
}

/** A temporary project for `spoke dev`: a service that records each start, and its config. */
export interface DevProject {
  /** The working directory `spoke dev` runs and watches in. */
  dir: string;
  /** Outside `dir`: one line (the pid) per service start. */
  startsFile: string;
  /** Outside `dir`: while it exists the service crashes at start (exit 3). */
  crashFile: string;
  servicePort: number;
  /** Environment for the service. */
  env: Record<string, string>;
  /** Pids of every start so far, oldest first. */
  starts(): number[];
  /** Writes spoke.config.json with one contacts card titled `title`. */
  writeConfig(title: string, renamedFrom?: string): Promise<void>;
}

// Records the start, crashes while CRASH_FILE exists, else listens on SERVICE_PORT until SIGTERM
// (ignored when IGNORE_TERM is set, to test a forced stop).
const serviceScript = `import { appendFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
appendFileSync(process.env.STARTS_FILE, process.pid + '\\n');
if (existsSync(process.env.CRASH_FILE)) {
  console.error('boom: CRASH_FILE exists');
  process.exit(3);
}
const server = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"results":[]}');
});
server.listen(Number(process.env.SERVICE_PORT), '127.0.0.1', () => console.log('service up ' + process.pid));
process.on('SIGTERM', () => {
  if (process.env.IGNORE_TERM) return console.log('ignoring SIGTERM');
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
`;

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Creates the project in a fresh temporary folder. */
export async function createDevProject(): Promise<DevProject> {
  const root = await mkdtemp(join(tmpdir(), 'spoke-dev-loop-'));
  const dir = join(root, 'project');
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'src/service.mjs'), serviceScript);
  const servicePort = await freePort();
  const startsFile = join(root, 'starts.log');
  const crashFile = join(root, 'crash');
  const project: DevProject = {
    dir,
    startsFile,
    crashFile,
    servicePort,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NO_COLOR: '1',
      STARTS_FILE: startsFile,
      CRASH_FILE: crashFile,
      SERVICE_PORT: String(servicePort),
      SERVICE_URL: `http://127.0.0.1:${servicePort}`,
    },
    starts: () =>
      existsSync(startsFile)
        ? readFileSync(startsFile, 'utf8').trim().split('\n').filter(Boolean).map(Number)
        : [],
    writeConfig: (title, renamedFrom) =>
      writeFile(join(dir, 'spoke.config.json'), devConfig(title, renamedFrom)),
  };
  await project.writeConfig('Issues');
  return project;
}

/** Polls `check` every 20 ms until it is true; fails after `timeoutMs` with `describe()` in the message. */
export async function waitFor(
  check: () => boolean,
  describe: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await delay(20);
  }
}

/** Whether a process runs; a zombie (dead, not yet reaped by an init that never reaps) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
