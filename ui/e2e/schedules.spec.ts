// Schedules in the browser: a cron schedule made in the form with its next fire times shown live,
// a wrong expression refused on the field, run now with its tick and run, pause and resume.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, shot } from './harness/fixtures';
import { SALES, upload } from './helpers';

test('a schedule made in the form: next fire times live, run now, ticks, pause and resume', async ({ page, api }) => {
  await upload(api, path.join(SALES, 'orders.csv'));
  await upload(api, path.join(SALES, 'regions.csv'));
  const draft = await api.post<{ id: string }>('/api/drafts', { document: fs.readFileSync(path.join(SALES, 'sales-report.yaml'), 'utf8'), format: 'yaml' });
  await api.post(`/api/drafts/${draft.id}/register`, {});

  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Schedules' }).click();
  await expect(page.getByRole('heading', { name: 'Schedules' })).toBeVisible();
  await shot(page, 'no schedules yet');
  await page.getByRole('button', { name: 'New schedule' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Registered flow').selectOption('sales-report');
  await dialog.getByLabel('Cron expression').fill('61 * * * *');
  await expect(dialog.getByLabel('Next fire times')).toContainText(/minute|61/i);
  await expect(dialog.getByLabel('Cron expression')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'a wrong cron expression');
  await dialog.getByLabel('Cron expression').fill('30 6 * * 1-5');
  await dialog.getByLabel('Time zone').fill('Europe/Berlin');
  const times = dialog.getByLabel('Next fire times');
  await expect(times.getByRole('row')).toHaveCount(6);
  await expect(times).toContainText('06:30');
  await expect(times).toContainText('Europe/Berlin');
  await shot(page, 'the form with the next fire times');
  await dialog.getByRole('button', { name: 'Create schedule' }).click();

  const row = page.getByRole('table', { name: 'Schedules' }).getByRole('row', { name: /sales-report/ });
  await expect(row).toContainText('30 6 * * 1-5 (Europe/Berlin)');
  await expect(row).toContainText('active');
  await shot(page, 'the schedule listed');

  await row.getByRole('button', { name: 'Run sales-report now' }).click();
  await expect(page.getByText("Started a run of 'sales-report'.")).toBeVisible();
  await row.getByRole('link').nth(1).click();
  const ticks = page.getByRole('table', { name: 'Ticks' });
  await expect(ticks).toContainText('run now');
  await expect(ticks).toContainText('succeeded', { timeout: 60_000 });
  await shot(page, 'the tick of run now, succeeded');
  await ticks.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/catalog\/runs\//);
  await expect(page.getByText('succeeded').first()).toBeVisible();
  await page.goBack();

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('Paused')).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText('Paused')).toHaveCount(0);
  await shot(page, 'resumed');
});
