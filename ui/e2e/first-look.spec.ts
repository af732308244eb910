import path from 'node:path';
import { test, expect, shot } from './harness/fixtures';
import { SALES, importDraft, node, openDraft, upload } from './helpers';

test('the sales example opens, runs and previews', async ({ page, api }) => {
  page.on('pageerror', (error) => console.log('PAGEERROR', error.stack));
  page.on('console', (message) => { if (message.type() === 'error') console.log('CONSOLE', message.text()); });
  await upload(api, path.join(SALES, 'orders.csv'));
  await upload(api, path.join(SALES, 'regions.csv'));
  const draft = await importDraft(api, path.join(SALES, 'sales-report.yaml'));
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'sales-report' })).toBeVisible();
  await shot(page, 'home');
  await openDraft(page, draft.id);
  await expect(node(page, 'ranked')).toBeVisible();
  await shot(page, 'designer');
  await node(page, 'with_region').click();
  await shot(page, 'join selected');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, 'ranked').locator('[data-state="succeeded"]')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'after run');
  await node(page, 'ranked').click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Preview of ranked' })).toBeVisible();
  await shot(page, 'preview');
});
