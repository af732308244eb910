// The catalog in a real browser against the packaged server: the sales example registered twice
// (a sort direction changed in between) is listed with its versions, opened read-only, compared
// (the changed node marked, the setting's before and after listed), run with a parameter from the
// UI (the run's page shows every node succeeded with its rows), found again in the run history by
// filters and opened as a draft. Global artifacts need a kernel (publish_global runs in Python):
// here only the explorer's empty state and an unknown artifact are checked.
import path from 'node:path';
import { test, expect, shot, type FlowfileApi } from './harness/fixtures';
import type { Page } from '@playwright/test';
import { SALES, importDraft, upload, type DraftAnswer } from './helpers';

const FLOW = 'catalog-sales';

interface VersionAnswer { flow: string; version: number; sha256: string }
interface CatalogRun { id: string; flow: string; version: number; state: string; parameters?: Record<string, string> }

/** The sales example registered as v1, then with the sort reversed as v2 (set up through the API, once). */
async function registeredTwice(api: FlowfileApi): Promise<VersionAnswer[]> {
  const existing = await api.get<VersionAnswer[]>(`/api/flows/${FLOW}/versions`).catch(() => []);
  if (existing.length >= 2) return existing;
  await upload(api, path.join(SALES, 'orders.csv'));
  await upload(api, path.join(SALES, 'regions.csv'));
  let draft = await importDraft(api, path.join(SALES, 'sales-report.yaml'));
  draft = await api.post<DraftAnswer>(`/api/drafts/${draft.id}/edits`, { revision: draft.revision, edits: [{ op: 'rename', name: FLOW }] });
  expect(draft.problems).toEqual([]);
  const v1 = await api.post<VersionAnswer>(`/api/drafts/${draft.id}/register`, { description: 'Revenue per region and product' });
  draft = await api.post<DraftAnswer>(`/api/drafts/${draft.id}/edits`, {
    revision: draft.revision,
    edits: [{ op: 'update_settings', node: 'ranked', settings: { keys: [{ column: 'revenue', direction: 'asc' }] } }],
  });
  const v2 = await api.post<VersionAnswer>(`/api/drafts/${draft.id}/register`, {});
  expect([v1.version, v2.version]).toEqual([1, 2]);
  return [v1, v2];
}

function catalogCanvasNode(page: Page, id: string) {
  return page.getByTestId('catalog-canvas').locator(`.react-flow__node[data-id="${id}"]`);
}

test('registered flows: the list, the versions, a version read-only and two versions compared', async ({ page, api }) => {
  const versions = await registeredTwice(api);

  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  const row = page.getByRole('table', { name: 'Registered flows' }).getByRole('row', { name: new RegExp(FLOW) });
  await expect(row).toContainText('v2');
  await expect(row).toContainText('admin');
  await shot(page, 'registered flows');

  // The flow's versions, newest first, with who, when and the hash.
  await row.getByRole('link', { name: FLOW }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/flows/${FLOW}$`));
  const table = page.getByRole('table', { name: 'Versions' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-version', '2');
  for (const version of versions) {
    const versionRow = table.locator(`tr[data-version="${version.version}"]`);
    await expect(versionRow).toContainText(version.sha256.slice(0, 12));
    await expect(versionRow).toContainText('admin');
  }
  await expect(page.getByRole('region', { name: 'Recent runs' })).toContainText('has not run yet');
  await shot(page, 'the flow with its versions');

  // v1 read-only: every node on the canvas, nothing to drag; a click shows the node's settings.
  await table.getByRole('link', { name: 'View v1' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/flows/${FLOW}/versions/1$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('read-only');
  await expect(page.getByTestId('catalog-canvas').locator('.react-flow__node')).toHaveCount(11);
  await expect(page.getByTestId('catalog-canvas').locator('.react-flow__edge')).toHaveCount(10);
  await expect(page.getByLabel('Flow details')).toContainText('min_quantity');
  await catalogCanvasNode(page, 'ranked').click();
  const settings = page.getByLabel('Node settings');
  await expect(settings).toContainText('"direction": "desc"');
  await shot(page, 'version 1 read-only with the sort node selected');
  // Dragging a node pans the view instead: the node keeps its place in the flow.
  const placed = await catalogCanvasNode(page, 'ranked').getAttribute('style');
  const box = await catalogCanvasNode(page, 'ranked').boundingBox();
  await page.mouse.move(box!.x + 40, box!.y + 20);
  await page.mouse.down();
  await page.mouse.move(box!.x + 240, box!.y + 220, { steps: 5 });
  await page.mouse.up();
  expect(await catalogCanvasNode(page, 'ranked').getAttribute('style')).toBe(placed);

  // Compare v1 with v2: the sort node marked changed, its direction listed before -> after.
  await page.goto(`/catalog/flows/${FLOW}/versions/2`);
  await page.getByRole('link', { name: 'Compare with v1' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/flows/${FLOW}/compare\\?from=1&to=2$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('compare versions');
  await expect(catalogCanvasNode(page, 'ranked').locator('.catalog-node')).toHaveAttribute('data-diff', 'changed');
  await expect(catalogCanvasNode(page, 'orders').locator('.catalog-node')).toHaveAttribute('data-diff', 'same');
  const changes = page.getByLabel('Settings changed');
  await expect(changes).toContainText('ranked');
  await expect(changes).toContainText('direction');
  await expect(changes.locator('.before')).toContainText('desc');
  await expect(changes.locator('.after')).toContainText('asc');
  await shot(page, 'v1 compared with v2');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'v1 compared with v2 in the dark theme');
  await page.emulateMedia({ colorScheme: 'light' });

  // The same comparison from the flow's page, with the version pickers.
  await page.getByRole('link', { name: FLOW }).first().click();
  await expect(page).toHaveURL(new RegExp(`/catalog/flows/${FLOW}$`));
  await page.getByLabel('Compare from').selectOption('2');
  await page.getByLabel('Compare to').selectOption('1');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?from=2&to=1$`));
  await expect(page.getByLabel('Settings changed').locator('.after')).toContainText('desc');
});

test('a version run from the catalog with a parameter, its page, the history filtered, and open as draft', async ({ page, api }) => {
  test.setTimeout(120_000);
  await registeredTwice(api);

  await page.goto(`/catalog/flows/${FLOW}/versions/2`);
  await expect(page.getByTestId('catalog-canvas').locator('.react-flow__node')).toHaveCount(11);
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByRole('dialog', { name: `Run ${FLOW} v2` });
  await expect(dialog.getByLabel('Parameter min_quantity')).toHaveValue('1');
  await dialog.getByLabel('Parameter min_quantity').fill('2');
  await dialog.getByLabel('Mode').selectOption('development');
  await shot(page, 'run dialog with a parameter');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  // The run's page: every node succeeded, with its rows and a bar on the timeline.
  await expect(page).toHaveURL(/\/catalog\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split('/').pop()!;
  const nodes = page.getByRole('table', { name: 'Node results' });
  await expect(page.getByRole('heading', { level: 1 }).locator('.state-badge')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(nodes.locator('tbody tr')).toHaveCount(11);
  await expect(nodes.locator('tbody tr[data-state="succeeded"]')).toHaveCount(11);
  for (const id of ['orders', 'shipped', 'big_enough', 'ranked', 'report']) {
    await expect(nodes.locator(`tr[data-node="${id}"] td[data-rows]`)).toHaveText(/^[1-9][\d,]*$/);
    await expect(nodes.locator(`tr[data-node="${id}"] .timeline-bar`)).toBeVisible();
  }
  await expect(page.locator('.run-facts')).toContainText('min_quantity=2');
  await expect(page.getByRole('log', { name: 'Run log' })).toContainText('Run succeeded');
  await expect(page.getByRole('region', { name: 'Flow' }).locator('.react-flow__node[data-id="report"] [data-state="succeeded"]')).toBeVisible();
  await shot(page, 'the run page: every node succeeded');
  const recorded = await api.get<CatalogRun[]>(`/api/flows/${FLOW}/runs`);
  const run = recorded.find((entry) => entry.id === runId)!;
  expect(run.state).toBe('SUCCEEDED');
  expect(run.parameters).toEqual({ min_quantity: '2' });

  // A failing run to filter out: a parameter that breaks the filter's expression.
  const failing = await api.post<{ id: string }>(`/api/flows/${FLOW}/versions/1/runs`, { parameters: { min_quantity: "'many'" } });
  await expect.poll(async () => (await api.get<{ state: string }>(`/api/runs/${failing.id}`)).state, { timeout: 30_000 })
    .toMatch(/failed|succeeded/i);

  // The history, filtered by flow and state.
  await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Runs' }).click();
  await expect(page).toHaveURL(/\/catalog\/runs$/);
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.locator(`tr[data-run="${runId}"]`)).toBeVisible();
  await page.getByLabel('Flow').selectOption(FLOW);
  await page.getByLabel('State').selectOption('succeeded');
  await expect(page).toHaveURL(new RegExp(`flow=${FLOW}&state=succeeded`));
  await expect(runs.locator(`tr[data-run="${runId}"]`)).toBeVisible();
  await expect(runs.locator(`tr[data-run="${failing.id}"]`)).toHaveCount(0);
  await expect(runs.locator('tbody tr .state-badge')).toHaveText(Array(await runs.locator('tbody tr').count()).fill('succeeded'));
  await shot(page, 'run history filtered by flow and state');
  await page.getByLabel('State').selectOption('failed');
  await expect(runs.locator(`tr[data-run="${failing.id}"]`)).toBeVisible();
  await expect(runs.locator(`tr[data-run="${failing.id}"] .error-cell`)).not.toBeEmpty();
  await page.getByLabel('Queued').selectOption('1h');
  await expect(runs.locator(`tr[data-run="${failing.id}"]`)).toBeVisible();
  await page.getByLabel('Trigger').selectOption('schedule');
  await expect(page.getByText('No run matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(runs.locator(`tr[data-run="${runId}"]`)).toBeVisible();

  // A reload keeps the filters in the address.
  await page.goto(`/catalog/runs?flow=${FLOW}&state=failed`);
  await expect(page.getByLabel('State')).toHaveValue('failed');
  await expect(runs.locator(`tr[data-run="${runId}"]`)).toHaveCount(0);
  await runs.locator(`tr[data-run="${failing.id}"]`).getByRole('link', { name: /^Run / }).click();
  await expect(page.getByRole('heading', { level: 1 }).locator('.state-badge')).toHaveText('failed');
  await expect(page.getByRole('table', { name: 'Node results' }).locator('tr[data-state="failed"] .error-cell')).not.toBeEmpty();
  // the filter whose expression the parameter broke is the failed node (the others of its statement are skipped)
  await expect(page.getByRole('region', { name: 'Flow' }).locator('.react-flow__node[data-id="big_enough"] [data-state="failed"]')).toBeVisible();
  await shot(page, 'a failed run');

  // Open v2 as a draft: the designer with the flow.
  await page.goto(`/catalog/flows/${FLOW}`);
  await page.getByRole('button', { name: 'Open v2 as draft' }).click();
  await expect(page).toHaveURL(/\/drafts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('save-state')).toContainText('Saved');
  await expect(page.locator('.react-flow__node[data-id="ranked"]')).toBeVisible();
  const draftId = page.url().split('/').pop()!;
  const draft = await api.get<DraftAnswer>(`/api/drafts/${draftId}`);
  expect(draft.name).toBe(FLOW);
  expect(draft.document.nodes.find((node) => node.id === 'ranked')?.settings).toEqual({ keys: [{ column: 'revenue', direction: 'asc' }] });
  await shot(page, 'v2 opened as a draft');
});

test('the artifact explorer without artifacts, and an unknown artifact', async ({ page, api }) => {
  const artifacts = await api.get<{ name: string }[]>('/api/artifacts');
  await page.goto('/catalog');
  await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Artifacts' }).click();
  await expect(page).toHaveURL(/\/catalog\/artifacts$/);
  if (artifacts.length === 0) {
    await expect(page.getByTestId('artifacts-empty')).toContainText('publish_global');
  } else {
    await expect(page.getByRole('table', { name: 'Artifacts' }).locator('tbody tr')).toHaveCount(artifacts.length);
  }
  await shot(page, 'artifact explorer');
  await page.goto('/catalog/artifacts/no-such-artifact');
  await expect(page.getByRole('alert')).toContainText('could not be loaded');
  await shot(page, 'an unknown artifact');
});
