import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Code that falls back to the user's folders (no AI_FRONTIER_HOME in the env it is given) writes under this
// scratch folder during tests, never into the real cache, data or config folders.
const scratchHome = path.join(os.tmpdir(), `ai-frontier-test-xdg-${process.pid}`);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/global-setup.ts'],
    env: {
      XDG_CACHE_HOME: path.join(scratchHome, 'cache'),
      XDG_DATA_HOME: path.join(scratchHome, 'data'),
      XDG_CONFIG_HOME: path.join(scratchHome, 'config'),
    },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: end-to-end tests spawn the CLI and servers, so keep parallelism modest.
    maxWorkers: 2,
  },
});
