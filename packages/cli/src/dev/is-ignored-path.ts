import { basename, relative, sep } from 'node:path';

/** Folders `spoke dev` never watches: dependencies, VCS data, Spoke state, build and test output. */
export const ignoredFolders: readonly string[] = ['node_modules', '.git', '.spoke', 'dist', 'coverage'];

// Editor scratch files that appear and vanish around a save: vim swap files (.swp, .swo, … .swx)
// and its `4913` write probe, backups ending in `~`, emacs locks `.#name` and autosaves `#name#`,
// JetBrains' `___jb_tmp___`/`___jb_old___`, macOS `.DS_Store`; and logs, which services write.
const ignoredNames = [
  /\.sw[a-px]$/,
  /^4913$/,
  /~$/,
  /^\.#/,
  /^#.*#$/,
  /___jb_(tmp|old)___$/,
  /^\.DS_Store$/,
  /\.log$/,
];

/** Whether a path under a watched `root` is left out of `spoke dev`'s watch. */
export function isIgnoredPath(path: string, root: string): boolean {
  const parts = relative(root, path).split(sep);
  if (parts.some((part) => ignoredFolders.includes(part))) return true;
  const name = basename(path);
  return path !== root && ignoredNames.some((pattern) => pattern.test(name));
}
