// The fixtures browser tests import instead of @playwright/test's:
//   import { test, expect, shot } from './harness/fixtures';
// - server:   {baseURL, loginLink, token, dataDir} of the packaged server the global setup started;
// - baseURL:  the server's, so page.goto('/') and request.get('/api/...') reach it;
// - page:     a page already logged in by visiting the login link (cookies set, at '/'); a test that
//             fails leaves a screenshot "failed-<title>" next to its others;
// - api:      the REST API with the page's session (cookie + X-CSRF-Token), as the logged-in admin;
// - tokenApi: the REST API with `Authorization: Bearer <the link's token>` (no browser involved);
// - request:  Playwright's own, with no credentials (to check what an anonymous caller gets).
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { FlowfileApi, SESSION_COOKIE } from './api';
import { SERVER_ENV, type ServerInfo } from './paths';
import { shot } from './screenshots';

export interface FlowfileTestFixtures {
  api: FlowfileApi;
  tokenApi: FlowfileApi;
}

export interface FlowfileWorkerFixtures {
  server: ServerInfo;
}

export const test = base.extend<FlowfileTestFixtures, FlowfileWorkerFixtures>({
  server: [
    async ({}, use) => {
      const serialized = process.env[SERVER_ENV];
      if (serialized === undefined || serialized === '') {
        throw new Error(`${SERVER_ENV} is not set: run the tests with ui/playwright.config.ts, whose global setup starts the server`);
      }
      await use(JSON.parse(serialized) as ServerInfo);
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },

  page: async ({ page, server }, use, testInfo) => {
    const response = await page.goto(server.loginLink);
    const cookies = await page.context().cookies(server.baseURL);
    if (!cookies.some((cookie) => cookie.name === SESSION_COOKIE)) {
      throw new Error(
        `the login link did not log the browser in (HTTP ${response?.status() ?? 'no response'} at ${page.url()}): no ${SESSION_COOKIE} cookie`,
      );
    }
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && !page.isClosed()) {
      await shot(page, `failed-${testInfo.title}`).catch((error: unknown) => {
        console.warn(`[flowfile e2e] no failure screenshot: ${String(error)}`);
      });
    }
  },

  api: async ({ page, server }, use) => {
    await use(new FlowfileApi(page.request, { kind: 'session', context: page.context(), baseURL: server.baseURL }));
  },

  tokenApi: async ({ playwright, server }, use) => {
    const request: APIRequestContext = await playwright.request.newContext({ baseURL: server.baseURL });
    await use(new FlowfileApi(request, { kind: 'bearer', token: server.token }));
    await request.dispose();
  },
});

export { expect, shot };
export { ApiError, FlowfileApi } from './api';
export type { ServerInfo } from './paths';
