// Smoke test of the packaged server and the harness: the login link logs the browser in and opens
// the web UI at '/', the session and the link's token reach the API, a change with the session
// carries the CSRF token, and the API refuses an anonymous caller.
import { test, expect, shot } from './harness/fixtures';

interface Me {
  user: { username: string; role: string };
  csrfToken: string | null;
}

test('the login link opens the web UI at /', async ({ page }) => {
  expect(new URL(page.url()).pathname).toBe('/');
  expect(page.url()).not.toContain('token=');
  await expect(page).toHaveTitle('Flowfile');
  await shot(page, 'home after login');
});

test('the session and the token reach the API as the admin', async ({ api, tokenApi }) => {
  const me = await api.get<Me>('/api/auth/me');
  expect(me.user.role).toBe('admin');
  expect(me.csrfToken).toBeTruthy();
  const meByToken = await tokenApi.get<Me>('/api/auth/me');
  expect(meByToken.user.username).toBe(me.user.username);
  expect(meByToken.csrfToken).toBeNull();
});

test('a change with the session sends the CSRF token', async ({ api }) => {
  const draft = await api.post<{ id: string }>('/api/drafts', { name: 'e2e smoke draft' });
  expect(draft.id).toMatch(/^[0-9a-f-]{36}$/);
  await api.delete(`/api/drafts/${draft.id}`);
  const gone = await api.send('GET', `/api/drafts/${draft.id}`);
  expect(gone.status()).toBe(404);
});

test('an unauthenticated visit to /api/auth/me answers 401', async ({ browser, request, server }) => {
  const anonymous = await browser.newContext();
  try {
    const visit = await (await anonymous.newPage()).goto(`${server.baseURL}/api/auth/me`);
    expect(visit?.status()).toBe(401);
  } finally {
    await anonymous.close();
  }
  expect((await request.get('/api/auth/me')).status()).toBe(401);
});
