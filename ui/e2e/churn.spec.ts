// The ML example (examples/ml/churn-model.yaml) from the browser, against the packaged server with real
// Docker and the real kernel image: the kernel it needs ("ml", 1 GB) made in the kernel form, the flow
// imported from the home page and registered in the designer, its registered version run twice from the
// catalog (Run… dialog), then the model found in the artifact explorer with both versions, its type,
// size, SHA-256 and lineage (flow version -> run -> node -> kernel), the run's page with its chart, and
// a DataFrame published as a global artifact shown by its first rows.
import path from 'node:path';
import { test, expect, shot, type FlowfileApi } from './harness/fixtures';
import type { Page } from '@playwright/test';
import { REPOSITORY, node, upload } from './helpers';

const ML = path.join(REPOSITORY, 'examples', 'ml');
const FLOW = 'churn-model';
const KERNEL = 'ml'; // the flow's Python Script node names it

interface GlobalArtifact { id: string; name: string; version: number; sha256: string; sizeBytes: number; pythonType: string; lineage?: { run?: string } }

async function removeKernel(api: FlowfileApi) {
  await api.post(`/api/kernels/${KERNEL}/stop`, {}).catch(() => undefined);
  await api.delete(`/api/kernels/${KERNEL}`).catch(() => undefined);
}

/** Runs the registered version from the catalog's Run… dialog and waits on the run's page for its end. */
async function runFromCatalog(page: Page, version: number): Promise<string> {
  await page.goto(`/catalog/flows/${FLOW}/versions/${version}`);
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByRole('dialog', { name: `Run ${FLOW} v${version}` });
  await expect(dialog.getByLabel('Parameter output_dir')).toHaveValue('out');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 }).locator('.state-badge')).toHaveText('succeeded', { timeout: 180_000 });
  return page.url().split('/').pop()!;
}

test.afterEach(async ({ api }) => {
  await removeKernel(api);
});

test('the churn example run from the UI: the model with its versions and lineage in the artifact explorer, the chart on the run page', async ({ page, api }) => {
  test.setTimeout(480_000);
  await removeKernel(api);
  await upload(api, path.join(ML, 'customers.csv'));

  // The kernel the flow needs, made in the form: scikit-learn, polars and matplotlib are in the image.
  await page.goto('/kernels');
  await page.getByRole('button', { name: 'New kernel' }).click();
  const form = page.getByRole('form', { name: 'New kernel' });
  await form.getByLabel('Id', { exact: true }).fill(KERNEL);
  await form.getByLabel('Name', { exact: true }).fill('Machine learning');
  await form.getByLabel('Memory (GB)').fill('1');
  await form.getByLabel('CPU cores').fill('1');
  await form.getByRole('button', { name: 'Create kernel' }).click();
  const card = page.locator(`article.kernel-card[data-kernel="${KERNEL}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText('1 GB');
  await shot(page, 'the ml kernel made in the form');

  // The flow imported from the home page, registered from the designer.
  await page.goto('/');
  await page.getByLabel('Import a flow file').setInputFiles(path.join(ML, 'churn-model.yaml'));
  await expect(node(page, 'train')).toBeVisible();
  await expect(page.locator('.flow-name')).toHaveText(FLOW);
  await shot(page, 'the churn flow imported');
  const existing = await api.get<{ version: number }[]>(`/api/flows/${FLOW}/versions`).catch(() => []);
  const next = existing.length + 1;
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('button', { name: `Register version ${next}` }).click();
  await expect(page.getByText(`Registered '${FLOW}' version ${next}.`)).toBeVisible();

  // Run twice from the catalog: two versions of the model.
  const before = await api.get<GlobalArtifact[]>('/api/artifacts/churn_model/versions').catch(() => [] as GlobalArtifact[]);
  const first = await runFromCatalog(page, next);
  const nodes = page.getByRole('table', { name: 'Node results' });
  await expect(nodes.locator('tbody tr[data-state="succeeded"]')).toHaveCount(3);
  await expect(nodes.locator('tr[data-node="train"] td[data-rows]')).toHaveText('400');
  // The chart the node displayed, as an image.
  const displays = page.getByRole('region', { name: 'Displays' });
  const chart = displays.locator('figure.display').filter({ hasText: 'What drives churn' });
  await expect(chart.locator('img.display-image')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => chart.locator('img.display-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await shot(page, 'the run page with the chart');
  const second = await runFromCatalog(page, next);
  expect(second).not.toBe(first);

  const versions = await api.get<GlobalArtifact[]>('/api/artifacts/churn_model/versions');
  expect(versions.length).toBe(before.length + 2);
  const [older, newer] = versions.slice(-2);
  expect(older.lineage?.run).toBe(first);
  expect(newer.lineage?.run).toBe(second);

  // The artifact explorer: the model, its latest version and where it came from.
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Artifacts' }).click();
  await expect(page).toHaveURL(/\/catalog\/artifacts$/);
  await page.getByLabel('Search artifacts').fill('churn');
  const row = page.getByRole('table', { name: 'Artifacts' }).getByRole('row', { name: /churn_model/ });
  await expect(row).toContainText(`v${newer.version}`);
  await expect(row).toContainText('RandomForestClassifier');
  await expect(row).toContainText(`${FLOW} v${next}`);
  await expect(row).toContainText('random forest, test accuracy');
  await shot(page, 'the model in the artifact explorer');

  // Every version, newest first, with type, size, SHA-256 and lineage links.
  await row.getByRole('link', { name: 'churn_model' }).click();
  await expect(page).toHaveURL(/\/catalog\/artifacts\/churn_model$/);
  const cards = page.locator('article.artifact-card');
  await expect(cards).toHaveCount(versions.length);
  await expect(cards.first()).toHaveAttribute('data-version', String(newer.version));
  for (const [artifact, run] of [[newer, second], [older, first]] as const) {
    const version = page.getByRole('article', { name: `Version ${artifact.version}` });
    await expect(version).toContainText('sklearn.ensemble');
    await expect(version).toContainText('RandomForestClassifier');
    await expect(version).toContainText(artifact.sha256);
    await expect(version).toContainText(`${artifact.sizeBytes.toLocaleString('en-US')} bytes`);
    const lineage = version.locator('.lineage');
    await expect(lineage.getByRole('link', { name: `${FLOW} v${next}` })).toHaveAttribute('href', `/catalog/flows/${FLOW}/versions/${next}`);
    await expect(lineage.getByRole('link', { name: `run ${run.slice(0, 8)}` })).toHaveAttribute('href', `/catalog/runs/${run}`);
    await expect(lineage).toContainText('train');
    await expect(lineage.getByRole('link', { name: `kernel ${KERNEL}` })).toBeVisible();
    await expect(version.getByRole('link', { name: `Download v${artifact.version}` })).toBeVisible();
  }
  await shot(page, 'the model with both versions and their lineage');

  // Lineage to the run: its page shows the chart of that run.
  await page.getByRole('article', { name: `Version ${older.version}` }).locator('.lineage').getByRole('link', { name: /^run / }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/runs/${first}$`));
  await expect(page.getByRole('heading', { level: 1 }).locator('.state-badge')).toHaveText('succeeded');
  const shown = page.getByRole('region', { name: 'Displays' }).locator('figure.display').filter({ hasText: 'What drives churn' });
  await expect(shown.locator('img.display-image')).toBeVisible();
  await shot(page, 'the first run reached from the lineage, with its chart');

  // Lineage to the flow version.
  await page.goto('/catalog/artifacts/churn_model');
  await page.getByRole('article', { name: `Version ${newer.version}` }).locator('.lineage').getByRole('link', { name: `${FLOW} v${next}` }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/flows/${FLOW}/versions/${next}$`));
  await expect(page.getByTestId('catalog-canvas').locator('.react-flow__node')).toHaveCount(3);


  // A DataFrame published as a global artifact: the explorer shows its first rows.
  const table = 'customers_table';
  const flowYaml = [
    'flowfile: 1',
    'name: churn-table-e2e',
    'nodes:',
    '  - id: customers',
    '    type: read_csv',
    '    settings:',
    '      path: customers.csv',
    '  - id: keep',
    '    type: python_script',
    '    settings:',
    `      kernel_id: ${KERNEL}`,
    '      start_kernel: true',
    '      cells:',
    '        - |',
    '          customers = flowfile.read_input().collect()',
    `          flowfile.publish_global("${table}", customers.head(50), description="the first customers", tags=["e2e"])`,
    '          flowfile.publish_output(customers)',
    'edges:',
    '  - from: customers',
    '    to: keep',
    '',
  ].join('\n');
  const draft = await api.post<{ id: string }>('/api/drafts', { document: flowYaml, format: 'yaml' });
  const registered = await api.post<{ flow: string; version: number }>(`/api/drafts/${draft.id}/register`, {});
  const tableRun = await api.post<{ id: string }>(`/api/flows/${registered.flow}/versions/${registered.version}/runs`, {});
  await expect.poll(async () => (await api.get<{ state: string }>(`/api/runs/${tableRun.id}`)).state, { timeout: 120_000 })
    .toMatch(/succeeded|failed|cancelled/i);
  expect((await api.get<{ state: string }>(`/api/runs/${tableRun.id}`)).state).toMatch(/succeeded/i);

  await page.goto(`/catalog/artifacts/${table}`);
  const latest = page.locator('article.artifact-card').first();
  await expect(latest).toContainText('parquet');
  await expect(latest).toContainText('polars');
  await latest.getByRole('button', { name: 'Show the first 20 rows' }).click();
  const rows = latest.getByRole('table', { name: /^Rows of v\d+$/ });
  await expect(rows.locator('thead th')).toHaveCount(6);
  await expect(rows.locator('thead th').first()).toContainText('customer_id');
  await expect(rows.locator('thead th').first()).toContainText('BIGINT');
  await expect(rows.locator('tbody tr')).toHaveCount(20);
  await expect(rows.locator('tbody tr').first().locator('td').first()).toHaveText('1');
  await expect(latest.getByTestId('artifact-rows-count')).toHaveText('The first 20 of 50 rows.');
  await shot(page, 'a DataFrame artifact with its first rows');

  await removeKernel(api);
});
