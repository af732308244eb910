// The designer's benchmark (scripts/ui-benchmark): the same packaged server and Chromium as the
// browser tests, but only ui/bench/*.bench.ts, which measure and report; they assert no timings.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  timeout: 15 * 60_000,
  reporter: [['list']],
});
