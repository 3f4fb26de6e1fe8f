import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@spoke/source'] },
  ssr: { resolve: { conditions: ['@spoke/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.tsx',
      'packages/*/test/**/*.test.ts',
      'tests/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    reporters: ['default', './tools/summary-reporter.ts'],
    passWithNoTests: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
