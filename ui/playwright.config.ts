// Browser tests (ui/e2e/*.spec.ts) against the real packaged server: the global setup starts
// `./flowfile serve` on a free port with a fresh data directory and stops it after all tests
// (ui/e2e/harness/). Debian's Chromium (/usr/bin/chromium, installed by scripts/setup) is used:
// Playwright's own browsers are never downloaded. Run with scripts/ui-test, or `npx playwright test`
// in ui/ once the application is packaged.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { playwrightBuildDir } from './e2e/harness/paths';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalSetup: './e2e/harness/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  globalTimeout: 30 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['junit', { outputFile: path.join(playwrightBuildDir, 'TEST-playwright.xml') }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
