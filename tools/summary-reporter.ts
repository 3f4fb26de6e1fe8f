import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints `N passed, N failed, N skipped` as the very last line of a run, and
 * fails a run that executed no test at all (an empty run proves nothing).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedNames: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          skippedNames.push(`${mod.moduleId}: ${test.fullName}`);
        }
      }
    }
    for (const name of skippedNames) process.stdout.write(`skipped: ${name}\n`);
    if (passed + failed === 0) {
      process.stdout.write('no test ran: a run that finds zero tests fails\n');
      process.exitCode = 1;
    }
    process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
