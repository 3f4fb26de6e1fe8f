import { type FSWatcher, watch } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

/** Options of {@link watchPaths}. */
export interface WatchOptions {
  /** Files or directories (directories recursively). */
  paths: readonly string[];
  /** Path segments never reported. @default node_modules, .git, .spoke, dist, coverage */
  ignore?: readonly string[];
  /** Files never reported (absolute). */
  ignoreFiles?: readonly string[];
  /**
   * Quiet time before one batch of changes is reported.
   * @default 150
   */
  debounceMs?: number;
  onChange(files: string[]): void;
}

const defaultIgnore = ['node_modules', '.git', '.spoke', 'dist', 'coverage'];

/** Watches files and directories and reports each burst of changes once; returns a function that stops. */
export function watchPaths(options: WatchOptions): () => void {
  const ignore = options.ignore ?? defaultIgnore;
  const ignoredFiles = new Set(options.ignoreFiles ?? []);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const path of options.paths) {
    const root = resolve(path);
    const watcher = watch(root, { recursive: true }, (_type, name) => {
      const file = name ? resolve(root, name.toString()) : root;
      if (ignoredFiles.has(file)) return;
      if (
        relative(root, file)
          .split(sep)
          .some((part) => ignore.includes(part))
      )
        return;
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...pending];
        pending.clear();
        options.onChange(files);
      }, options.debounceMs ?? 150);
    });
    watcher.on('error', () => undefined);
    watchers.push(watcher);
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
