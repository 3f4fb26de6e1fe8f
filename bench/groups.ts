import { coldStart } from './cold-start.ts';
import { emulatorApi } from './emulator-api.ts';
import { emulatorFanout } from './emulator-fanout.ts';
import { frameworkThroughput } from './framework-throughput.ts';
import { growth } from './growth.ts';
import { installed } from './installed.ts';
import type { BenchGroup } from './lib/bench-result.ts';
import { replyValidation } from './reply-validation.ts';
import { verification } from './verification.ts';

/** Every benchmark group, by the name `--only` takes, in the order `npm run bench` runs them. */
export const benchGroups: Readonly<Record<string, BenchGroup>> = {
  'framework-throughput': frameworkThroughput,
  verification,
  'reply-validation': replyValidation,
  'emulator-fanout': emulatorFanout,
  'emulator-api': emulatorApi,
  'cold-start': coldStart,
  growth,
  installed,
};
