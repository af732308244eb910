// Secrets in a real browser against the packaged server: set on the Secrets page (the value never
// shown again), chosen in a node type's secret field (or set there on the spot), read by the node's
// Python code on a real kernel while what it prints shows the value masked, then deleted.
import { test, expect, shot } from './harness/fixtures';
import { typeCode } from './helpers';

const KERNEL = 'e2e-secrets';

test('a secret set on the Secrets page reaches a node type\'s code, masked in what it prints', async ({ page, api }) => {
  test.setTimeout(240_000);
  await api.post(`/api/kernels/${KERNEL}/stop`, {}).catch(() => undefined);
  await api.delete(`/api/kernels/${KERNEL}`).catch(() => undefined);
  await api.post('/api/kernels', { id: KERNEL, name: 'Secrets tests', memoryGb: 1 });
  for (const secret of await api.get<{ name: string }[]>('/api/secrets')) {
    await api.delete(`/api/secrets/${secret.name}`);
  }
  const value = 'e2e-' + Math.random().toString(36).slice(2, 12);

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('heading', { name: 'Secrets' })).toBeVisible();
  await expect(page.getByText('No secrets yet.')).toBeVisible();
  await shot(page, 'the Secrets page with no secrets');

  await page.getByRole('button', { name: 'New secret' }).click();
  const dialog = page.getByRole('dialog', { name: 'New secret' });
  await dialog.getByLabel('Name').fill('bad name');
  await expect(dialog.getByText("Letters, digits, '.', '_' and '-' only")).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save secret' })).toBeDisabled();
  await dialog.getByLabel('Name').fill('warehouse-token');
  await dialog.getByLabel('Value').fill(value);
  await shot(page, 'a new secret being set');
  await dialog.getByRole('button', { name: 'Save secret' }).click();
  await expect(page.getByText("Saved secret 'warehouse-token'.")).toBeVisible();
  const table = page.getByRole('table', { name: 'Secrets' });
  await expect(table).toContainText('warehouse-token');
  await expect(page.locator('body')).not.toContainText(value);
  await shot(page, 'the Secrets page listing a secret by name');

  // a Python node type with a secret field, tested on a real kernel
  const type = 'uses_token_' + Date.now().toString(36);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Node Designer' }).click();
  await page.getByLabel('Implementation', { exact: true }).selectOption('python');
  await page.getByLabel('Type name', { exact: true }).fill(type);
  await page.getByLabel('Title', { exact: true }).fill('Uses a token');
  const builder = page.getByRole('region', { name: 'Form builder' });
  await builder.getByRole('button', { name: 'Remove Column' }).click();
  await builder.getByLabel('Kind of component to add to Settings').selectOption({ label: 'Secret reference' });
  await builder.getByRole('button', { name: 'Add to Settings' }).click();
  const added = builder.getByRole('group', { name: /^Properties of / });
  await added.getByLabel(/^Setting name of /).fill('token');
  await added.getByLabel(/^Label of /).fill('Token');
  await page.getByRole('tab', { name: 'Python' }).click();
  await typeCode(page, 'Python code', [
    'import polars as pl',
    'token = settings["token"]',
    'print("connecting with", token.get_secret_value(), "as", token)',
    'return inputs["main"].collect().head(1).with_columns(token_length=pl.lit(len(token.get_secret_value())))',
  ].join('\n'));

  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByRole('button', { name: 'Paste from a spreadsheet' }).click();
  await page.getByLabel('Pasted table for main').fill('id\n1\n2\n');
  await page.getByRole('button', { name: 'Use 2 rows × 1 columns' }).click();
  const testSettings = page.getByRole('region', { name: 'Test settings' });
  await testSettings.getByLabel('Kernel', { exact: true }).selectOption(KERNEL);
  // a secret set on the spot is chosen at once; then the one from the Secrets page
  await testSettings.getByRole('button', { name: 'New' }).click();
  const inline = page.getByRole('dialog', { name: 'New secret' });
  await inline.getByLabel('Name').fill('made-here');
  await inline.getByLabel('Value').fill('another-value');
  await inline.getByRole('button', { name: 'Save secret' }).click();
  await expect(testSettings.getByLabel('Token', { exact: true })).toHaveValue('made-here');
  await testSettings.getByLabel('Token', { exact: true }).selectOption('warehouse-token');
  await shot(page, 'a secret field in a node type\'s test settings');
  await testSettings.getByRole('button', { name: 'Run the test' }).click();
  const result = page.getByRole('region', { name: 'Test result' });
  await expect(result).toContainText('Output: 1 rows', { timeout: 120_000 });
  await expect(result.getByRole('table', { name: 'Output rows' })).toContainText(String(value.length));
  const printed = result.getByLabel('Printed by the code');
  await expect(printed).toContainText('connecting with ********** as **********');
  await expect(page.locator('body')).not.toContainText(value);
  await shot(page, 'a node type reading a secret, its value masked');

  // deleted on the Secrets page
  await page.goto('/secrets');
  await page.getByRole('button', { name: 'Delete secret warehouse-token' }).click();
  await page.getByRole('dialog', { name: "Delete secret 'warehouse-token'?" }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText("Deleted secret 'warehouse-token'.")).toBeVisible();
  await expect(table).not.toContainText('warehouse-token');
  await expect(table).toContainText('made-here');
  await api.post(`/api/kernels/${KERNEL}/stop`, {}).catch(() => undefined);
});
