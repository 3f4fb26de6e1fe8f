import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.ts';
import { aptInstallAsRoot, isExecutable, pathDirs } from './system-tools.ts';

const run = promisify(execFile);

/** A throwaway PostgreSQL server on 127.0.0.1, trust auth, data in a temporary folder. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`. */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database (a fresh schema, set as the connection's search_path) and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server at once (`pg_ctl stop -m immediate`) and deletes its folder. Idempotent. */
  stop(): Promise<void>;
}

const howToInstall =
  'The Postgres tests need the PostgreSQL server binaries (initdb, pg_ctl): install them (Debian: `apt-get install postgresql`) and run again.';

// Debian keeps the server binaries off the PATH, one folder per major version; take the newest.
function debianBinDir(): string | null {
  let versions: string[];
  try {
    versions = readdirSync('/usr/lib/postgresql');
  } catch {
    return null;
  }
  const found = versions
    .filter((version) => isExecutable(join('/usr/lib/postgresql', version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return found[0] === undefined ? null : join('/usr/lib/postgresql', found[0], 'bin');
}

function pathBinDir(): string | null {
  for (const dir of pathDirs()) {
    if (isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/**
 * Finds the folder holding `initdb` and `pg_ctl`: Debian's /usr/lib/postgresql/N/bin, else the
 * PATH. When neither has them and we run as root with apt, installs Debian's `postgresql`.
 */
export function findPostgresBinDir(): string {
  const found = debianBinDir() ?? pathBinDir();
  if (found) return found;
  if (aptInstallAsRoot('postgresql')) {
    const installed = debianBinDir() ?? pathBinDir();
    if (installed) return installed;
  }
  throw new Error(howToInstall);
}

/** The uid and gid of the `postgres` system user, which Debian's package creates. */
function postgresUser(): { uid: number; gid: number } {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
    );
    if (uid !== undefined && gid !== undefined && Number.isInteger(uid) && Number.isInteger(gid))
      return { uid, gid };
  } catch {
    // handled below
  }
  throw new Error(
    "initdb and postgres refuse to run as root, and there is no `postgres` user to run them as. Install Debian's `postgresql` package (it creates the user) or run the tests as a normal user.",
  );
}

// initdb is the slow part (seconds on a busy machine): do it once per Postgres version and
// copy the result for each server. A template that is being written is never seen half-done:
// it is built under a temporary name and renamed into place.
async function ensureTemplate(
  bin: string,
  command: (tool: string, args: readonly string[]) => [string, string[]],
  owner: { uid: number; gid: number } | null,
): Promise<string> {
  const version = bin.split('/').at(-2) ?? 'path';
  const template = join(tmpdir(), `spoke-pg-template-${version}-${process.getuid?.() ?? 0}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(`${template}.building-`);
  if (owner) chownSync(building, owner.uid, owner.gid);
  try {
    await run(
      ...command('initdb', [
        '-D',
        join(building, 'data'),
        '-A',
        'trust',
        '-U',
        'postgres',
        '-N',
        '-E',
        'UTF8',
        '--locale=C',
      ]),
    );
    renameSync(join(building, 'data'), template);
  } catch (error) {
    // Another test file built it first: use theirs.
    if (!existsSync(join(template, 'PG_VERSION'))) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/**
 * Starts a throwaway PostgreSQL server: a temporary data folder (a copy of a cached `initdb`),
 * `127.0.0.1` on a free port, a socket in the same folder, trust auth, no fsync. As root it runs
 * the binaries as the `postgres` user (`runuser`), since they refuse root. Always call `stop()`
 * (an exit hook stops it too if a test run dies first).
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  const command = (tool: string, args: readonly string[]): [string, string[]] => {
    const path = tool === 'cp' ? 'cp' : join(bin, tool);
    return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, [...args]];
  };
  const root = mkdtempSync(join(tmpdir(), 'spoke-pg-'));
  const data = join(root, 'data');
  if (owner) chownSync(root, owner.uid, owner.gid);
  const pgCtl = (args: readonly string[]) => command('pg_ctl', ['-D', data, ...args]);

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync(...pgCtl(['stop', '-m', 'immediate', '-w']), { stdio: 'ignore' });
    } catch {
      // not running: nothing to stop
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  try {
    const template = await ensureTemplate(bin, command, owner);
    await run(...command('cp', ['-a', template, data]));
    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await run(...pgCtl(['-l', join(root, 'server.log'), '-o', options, '-w', '-t', '30', 'start']));
        break;
      } catch (error) {
        // Someone took the port between our probe and the server's bind: try another.
        if (attempt >= 3) throw error;
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let databases = 0;
    return {
      url,
      port,
      // A schema is a fresh, empty database for the tracker at a fraction of CREATE DATABASE's cost.
      async createDatabase() {
        databases += 1;
        const schema = `spoke_test_${databases}`;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE SCHEMA ${schema}`);
        } finally {
          await client.end();
        }
        return `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      },
      async stop() {
        process.off('exit', stopNow);
        stopNow();
      },
    };
  } catch (cause) {
    let log = '';
    try {
      log = readFileSync(join(root, 'server.log'), 'utf8').slice(-2000);
    } catch {
      // no log yet
    }
    process.off('exit', stopNow);
    stopNow();
    throw new Error(
      `could not start a throwaway PostgreSQL server with ${bin}: ${(cause as Error).message}${log ? `\n${log}` : ''}`,
      { cause },
    );
  }
}
