import type { CliIo } from '../output/cli-io.ts';

/** The stop request of a long-running command. */
export interface StopSignals {
  /** Resolves on the first SIGINT or SIGTERM. */
  readonly first: Promise<NodeJS.Signals>;
  /** Stops listening (call once the command has stopped). */
  dispose(): void;
}

/**
 * Listens for Ctrl-C: the first SIGINT or SIGTERM resolves `first` so the command stops what it
 * started; a second one while it stops exits at once with 130 (`exit` hooks still kill child
 * process groups).
 */
export function listenForStop(io: Pick<CliIo, 'stderr'>): StopSignals {
  let resolveFirst: (signal: NodeJS.Signals) => void = () => undefined;
  const first = new Promise<NodeJS.Signals>((done) => {
    resolveFirst = done;
  });
  let seen = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!seen) {
      seen = true;
      resolveFirst(signal);
      return;
    }
    io.stderr.write(`${signal} again: exiting without waiting for everything to stop.\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    first,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
