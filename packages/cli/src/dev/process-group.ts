import { readdirSync, readFileSync } from 'node:fs';

/** Sends `signal` to every process in the group `pgid`; false when none is left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // A negative pid addresses the whole group: the shell and everything it started.
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Linux `/proc/<pid>/stat`: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
function groupHasLiveMember(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}

/**
 * Whether any process of the group still runs. A zombie does not count: where PID 1 does not reap
 * orphans (some containers), dead members of the group stay visible to `kill(-pgid, 0)`.
 */
export function isGroupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return groupHasLiveMember(pgid);
  } catch {
    return true;
  }
}
