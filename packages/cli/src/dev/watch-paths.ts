import { dirname, resolve } from 'node:path';
import { watch } from 'chokidar';
import { isIgnoredPath } from './is-ignored-path.ts';

/** One burst of changes, split by what they mean to `spoke dev`. */
export interface WatchBatch {
  /** The config file changed, appeared or disappeared. */
  config: boolean;
  /** Other files added, changed or deleted under the watched paths (absolute). */
  files: string[];
}

/** Options of {@link watchPaths}. */
export interface WatchOptions {
  /** Directories (recursively) or files whose changes restart the service. */
  paths: readonly string[];
  /** The config file (absolute): reported on its own, watched even when `paths` do not cover it. */
  configFile: string;
  /**
   * Quiet time before one burst of changes is reported.
   * @default 200
   */
  debounceMs?: number;
  onChange(batch: WatchBatch): void;
  onError(error: Error): void;
}

/** A running watcher. */
export interface Watcher {
  /** Resolves once the initial scan is done: changes from then on are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/**
 * Watches with chokidar (inotify/FSEvents, surviving atomic saves, new and deleted files and
 * folders), skips build output and editor temp files ({@link isIgnoredPath}), and reports each
 * burst of changes once, after `debounceMs` without a new one.
 */
export function watchPaths(options: WatchOptions): Watcher {
  const roots = options.paths.map((path) => resolve(path));
  const configFile = resolve(options.configFile);
  const configDir = dirname(configFile);
  const ignored = (path: string): boolean => {
    if (path === configFile || path === configDir) return false;
    const root = roots.find((candidate) => isUnder(path, candidate));
    // Under the config's folder but outside every watched path: not ours.
    return root === undefined || isIgnoredPath(path, root);
  };
  const watcher = watch([...new Set([...roots, configDir])], {
    ignoreInitial: true,
    ignored,
    atomic: true,
  });
  let config = false;
  const files = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const batch = { config, files: [...files] };
    config = false;
    files.clear();
    options.onChange(batch);
  };
  watcher.on('all', (event, path) => {
    if (event === 'addDir' || event === 'unlinkDir') return;
    if (path === configFile) config = true;
    else if (path !== configDir) files.add(path);
    else return;
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 200);
  });
  watcher.on('error', (error) => options.onError(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
