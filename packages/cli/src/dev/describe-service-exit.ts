import type { ServiceExit } from './service-process.ts';

/** "exited with code 127 (…)": how a service run ended, for the line `spoke dev` prints. */
export function describeServiceExit(exit: ServiceExit): string {
  if (exit.error) return `could not start (${exit.error.message})`;
  if (exit.signal) return `was ended by ${exit.signal}`;
  // Shells answer 127 for an unknown command and 126 for a file that cannot be run.
  if (exit.code === 127) return 'exited with code 127 (the shell did not find the command)';
  if (exit.code === 126) return 'exited with code 126 (the command is not executable)';
  return `exited with code ${exit.code}`;
}
