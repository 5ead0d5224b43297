import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: a real `weft serve` (WEFT_BINARY) and Debian's
// chromium driven by playwright-core. One file at a time, long timeouts.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    // Fails any test during which a page threw or logged an error.
    setupFiles: ['e2e/fixtures.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
});
