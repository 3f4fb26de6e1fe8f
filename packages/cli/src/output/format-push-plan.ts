import type { PushChange } from '../config/plan-push.ts';
import type { Colours } from './colours.ts';

const names = {
  calling: 'calling settings',
  channelConnection: 'channel connection',
  shareVia: 'Share Via target',
  app: 'app',
} as const;

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

/** One change as diff lines: `+` create, `~` update (with each changed field), `-` delete. */
export function formatChange(change: PushChange, c: Colours): string[] {
  if (change.target === 'card') {
    if (change.op === 'create') return [c.green(`+ card "${change.title}" (${change.key}): create`)];
    if (change.op === 'delete')
      return [c.red(`- card "${change.title}" [id ${change.id}]: delete (not in the config)`)];
    return [
      c.yellow(
        `~ card "${change.title}" (${change.key}) [id ${change.id}]: update ${Object.keys(change.patch).join(', ')}`,
      ),
      ...change.diffs.map((d) => `    ${d.path}: ${show(d.from)} → ${show(d.to)}`),
    ];
  }
  if (change.target === 'cardPublicUrl')
    return [
      c.yellow(
        `~ card "${change.title}" (${change.key}) publicUrl: ${show(change.from)} → ${show(change.to)}`,
      ),
    ];
  const name = names[change.target];
  if (change.target === 'shareVia') return [c.yellow(`~ ${name}: ${show(change.from)} → ${show(change.to)}`)];
  if (change.target === 'app')
    return [c.yellow(`~ ${name} ${change.field}: ${show(change.from)} → ${show(change.to)}`)];
  if (change.op === 'create') return [c.green(`+ ${name}: create`)];
  if (change.op === 'delete') return [c.red(`- ${name}: delete (null in the config)`)];
  return [
    c.yellow(`~ ${name}: update`),
    ...change.diffs.map((d) => `    ${d.path}: ${show(d.from)} → ${show(d.to)}`),
  ];
}

/** `3 changes (1 create, 1 update, 1 delete)` or `up to date`. */
export function summarizeChanges(changes: readonly PushChange[]): string {
  if (changes.length === 0) return 'up to date: nothing to change';
  const count = (op: string) => changes.filter((change) => change.op === op).length;
  const parts = [
    ['create', count('create')],
    ['update', count('update') + count('set')],
    ['delete', count('delete')],
  ]
    .filter(([, n]) => Number(n) > 0)
    .map(([op, n]) => `${n} ${op}`);
  return `${changes.length} change${changes.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
