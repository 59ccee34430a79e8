import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A page waiting for the server under the whole suite's load on two shared cores can take more than the default
    // second; a poll still fails when what it waits for never comes.
    expect: { poll: { timeout: 10_000 } },
  },
});
