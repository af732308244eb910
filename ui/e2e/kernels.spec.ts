// Kernels in a real browser against the packaged server, with real Docker and the real kernel image:
// the kernel manager page (form with the server's validation, start, live state and memory,
// out of memory, restart, delete) and the Python Script node's notebook (cells reading the node's
// upstream data, a matplotlib chart, a plotly figure, print, a traceback, interrupt, restart of the namespace).
import path from 'node:path';
import { test, expect, shot, type FlowfileApi } from './harness/fixtures';
import type { Locator, Page } from '@playwright/test';
import { SALES, node, openDraft, upload, type DraftAnswer } from './helpers';

const KERNEL = 'e2e-small';

async function removeKernels(api: FlowfileApi) {
  const kernels = await api.get<{ id: string }[]>('/api/kernels').catch(() => [] as { id: string }[]);
  for (const kernel of kernels.filter((k) => k.id.startsWith('e2e-'))) {
    await api.delete(`/api/kernels/${kernel.id}`).catch(() => undefined);
  }
}

function card(page: Page, id: string): Locator {
  return page.locator(`article.kernel-card[data-kernel="${id}"]`);
}

/** Types code into the n-th cell (0-based) of the notebook and runs it with Shift+Enter. */
async function runCell(page: Page, index: number, code: string) {
  const cell = page.getByTestId('cell').nth(index);
  await cell.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code, { delay: 2 });
  await page.keyboard.press('Escape'); // a completion list, if one opened
  await page.keyboard.press('Shift+Enter');
  return cell;
}

test.afterEach(async ({ api }) => {
  await removeKernels(api);
});

test('a kernel made in the form runs the cells of a Python Script node: data, chart, print, traceback, interrupt, out of memory, restart', async ({ page, api }) => {
  test.setTimeout(240_000);
  await removeKernels(api);

  // The kernel manager: the form shows the server's validation under the fields.
  await page.goto('/kernels');
  await expect(page.getByRole('heading', { name: 'Kernels', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Docker' })).toHaveCount(0); // Docker and the image are there
  await page.getByRole('button', { name: 'New kernel' }).click();
  const form = page.getByRole('form', { name: 'New kernel' });
  await form.getByLabel('Id', { exact: true }).fill(KERNEL);
  await form.getByLabel('Name', { exact: true }).fill('Small kernel');
  await form.getByLabel('Memory (GB)').fill('100');
  await form.getByLabel('CPU cores').fill('1');
  await form.getByRole('button', { name: 'Create kernel' }).click();
  await expect(form.locator('[data-field="memoryGb"]')).toContainText('memory_gb must be between 0.5 and 64');
  await shot(page, 'the form refuses 100 GB');
  await form.getByLabel('Memory (GB)').fill('0.5');
  await form.getByRole('button', { name: 'Create kernel' }).click();
  await expect(card(page, KERNEL)).toBeVisible();
  await expect(card(page, KERNEL).locator('.kernel-badge')).toHaveText('Stopped');
  await expect(card(page, KERNEL)).toContainText('0.5 GB');

  await card(page, KERNEL).getByRole('button', { name: 'Start', exact: true }).click();
  await expect(card(page, KERNEL).locator('.kernel-badge')).toHaveText('Ready', { timeout: 60_000 });
  await expect(card(page, KERNEL).getByRole('meter', { name: 'Memory' })).toBeVisible({ timeout: 15_000 });
  await expect(card(page, KERNEL)).toContainText('of 512 MB');
  // Its environment as locked: the image's packages with their versions, searchable.
  await card(page, KERNEL).getByText('Locked environment').click();
  const lock = card(page, KERNEL).getByRole('table', { name: 'All packages' });
  await expect(lock.getByRole('row', { name: /^polars \d+\.\d+/ })).toBeVisible();
  await card(page, KERNEL).getByLabel('Find a package').fill('pyarrow');
  await expect(lock.getByRole('row')).toHaveCount(2); // the header and pyarrow
  await shot(page, 'the kernel is ready with its memory and locked environment');
  await card(page, KERNEL).getByText(/Locked environment/).click();

  await card(page, KERNEL).getByRole('button', { name: 'Connect a Jupyter client' }).click();
  const connection = page.getByRole('dialog', { name: `Connect a Jupyter client to ${KERNEL}` });
  await expect(connection.getByLabel('Command')).toContainText('jupyter console --existing');
  await expect(connection.getByLabel('Connection file')).toContainText('"shell_port"');
  await shot(page, 'connection file and command');
  await connection.getByRole('button', { name: 'Close' }).click();

  // A draft: orders.csv read and connected to a Python Script node on that kernel.
  await upload(api, path.join(SALES, 'orders.csv'));
  const empty = await api.post<DraftAnswer>('/api/drafts', { name: 'notebook-e2e' });
  const draft = await api.post<DraftAnswer>(`/api/drafts/${empty.id}/edits`, {
    revision: empty.revision,
    edits: [
      { op: 'add_node', node: { id: 'orders', type: 'read_csv', settings: { path: 'orders.csv' }, position: { x: 80, y: 120 } } },
      { op: 'add_node', node: { id: 'score', type: 'python_script', settings: { kernel_id: KERNEL, cells: [''] }, position: { x: 380, y: 120 } } },
      { op: 'connect', from: 'orders', to: 'score' },
    ],
  });
  await openDraft(page, draft.id);
  await node(page, 'score').click();
  const settings = page.getByRole('complementary', { name: 'Settings' });
  await expect(settings.getByLabel('Kernel', { exact: true })).toHaveValue(KERNEL);
  await expect(settings.locator('.kernel-badge')).toHaveText('Ready');
  await expect(page.getByTestId('kernel-warning')).toHaveCount(0);

  // The upstream data, as the node will read it.
  const first = await runCell(page, 0,
    'df = flowfile.read_input().collect(); flowfile.publish_artifact("top_orders", df.head(3)); print("rows:", df.height); df.head(3)');
  await expect(first).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(first.getByTestId('cell-outputs')).toContainText('rows: 12');
  await expect(first.locator('table.pyn-table')).toContainText('order_id');
  await expect(first.getByTestId('execution-count')).toHaveText('[1]');
  await expect(first.getByTestId('cell-status')).toContainText(/Done in \d/);
  await shot(page, 'a cell reads the upstream orders');

  // The artifacts panel: what the cell just published, asked for again once the cell ended.
  const artifacts = settings.getByTestId('artifacts-panel');
  await artifacts.locator('summary').click();
  const publishedTable = artifacts.getByRole('table', { name: 'Published artifacts' });
  await expect(publishedTable.getByRole('row', { name: /top_orders DataFrame/ })).toBeVisible({ timeout: 15_000 });
  await expect(artifacts.getByRole('region', { name: 'From the nodes before this one' })).toContainText('None yet');
  await artifacts.scrollIntoViewIfNeeded();
  await shot(page, 'the artifacts panel shows what the node published');
  await artifacts.locator('summary').click();

  // A matplotlib chart, shown by plt.show() (the kernel's backend displays it; the suptitle is its caption).
  await settings.getByRole('button', { name: 'Add cell' }).click();
  const chart = await runCell(page, 1,
    'import matplotlib.pyplot as plt; fig, ax = plt.subplots(figsize=(5, 3)); ax.bar(df["product"].to_list(), df["quantity"].to_list()); ax.set_title("Quantity by product"); fig.suptitle("Quantities"); plt.show()');
  await expect(chart).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(chart.locator('img.pyn-image')).toBeVisible();
  await expect(chart.locator('figcaption')).toHaveText('Quantities');
  expect(await chart.locator('img.pyn-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await page.mouse.move(1, 1); // no hover help over the chart
  await chart.locator('img.pyn-image').scrollIntoViewIfNeeded();
  await shot(page, 'a matplotlib chart');

  // A plotly figure as the cell's last expression: drawn by the UI's own plotly.js (no CDN).
  await settings.getByRole('button', { name: 'Add cell' }).click();
  const plotly = await runCell(page, 2,
    'import plotly.express as px; px.bar(x=df["product"].to_list(), y=df["quantity"].to_list(), title="Quantity by product (plotly)")');
  await expect(plotly).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(plotly.getByTestId('plotly-figure').locator('svg.main-svg').first()).toBeVisible({ timeout: 20_000 });
  await expect(plotly.getByTestId('plotly-figure')).toContainText('Quantity by product (plotly)');
  await plotly.getByTestId('plotly-figure').scrollIntoViewIfNeeded();
  await shot(page, 'a plotly figure');

  // A print and a traceback.
  await settings.getByRole('button', { name: 'Add cell' }).click();
  const failing = await runCell(page, 3, 'print("before the error"); {"a": 1}["missing"]');
  await expect(failing).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(failing.getByTestId('cell-outputs')).toContainText('before the error');
  await expect(failing.locator('.pyn-error')).toContainText('KeyError');
  await expect(failing.locator('.pyn-error')).toContainText('Traceback');
  await shot(page, 'a traceback');

  // The full-screen editor, with the kernel's state in its header, and the API reference.
  await settings.getByRole('button', { name: 'Open the full-screen editor' }).click();
  const full = page.getByRole('dialog', { name: 'Notebook of score' });
  await expect(full.locator('.kernel-badge')).toHaveText(/Ready|Executing/);
  await expect(full.getByTestId('cell')).toHaveCount(4);
  await shot(page, 'the full-screen editor');
  await full.getByRole('button', { name: 'flowfile API reference' }).click();
  const reference = page.getByRole('dialog', { name: 'The flowfile API' });
  await expect(reference).toContainText('flowfile.read_input(name="main")');
  await expect(reference).toContainText('publish_output');
  await shot(page, 'the flowfile API reference');
  await reference.getByRole('button', { name: 'Close' }).click();

  // Interrupt a long cell: it stops within a second.
  await full.getByRole('button', { name: 'Add cell' }).click();
  const sleeping = await runCell(page, 4, 'import time; time.sleep(60)');
  await expect(sleeping).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const clicked = Date.now();
  await full.getByRole('button', { name: 'Interrupt' }).click();
  await expect(sleeping).toHaveAttribute('data-status', /cancelled|error/, { timeout: 5_000 });
  const took = Date.now() - clicked;
  expect(took).toBeLessThan(1000);
  await expect(sleeping.getByTestId('cell-outputs')).toContainText(/Interrupted|KeyboardInterrupt/);
  await shot(page, `a sleeping cell interrupted in ${took} ms`);

  // The namespace restarted: variables are gone.
  await full.getByRole('button', { name: 'Restart the namespace' }).click();
  await expect(full.getByRole('status')).toContainText('namespace was restarted');
  const gone = await runCell(page, 4, 'print(df.height)');
  await expect(gone).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(gone.locator('.pyn-error')).toContainText('NameError');
  await expect(gone.getByTestId('execution-count')).toHaveText('[1]');

  // Past the 512 MB limit: out of memory, on the cell and on the kernel's card.
  await full.getByRole('button', { name: 'Add cell' }).click();
  const hog = await runCell(page, 5, 'blocks = [bytearray(64 * 1024 * 1024) for _ in range(16)]');
  await expect(hog).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(hog.getByTestId('cell-outputs')).toContainText(/out of memory|memory limit/i, { timeout: 20_000 });
  await shot(page, 'out of memory in the cell');
  await full.getByRole('button', { name: 'Leave full screen' }).click();
  await expect(full).toHaveCount(0);
  await expect(page.getByTestId('kernel-warning')).toContainText('error');

  await page.goto('/kernels');
  await expect(card(page, KERNEL).locator('.kernel-badge')).toHaveText('Error');
  await expect(card(page, KERNEL).getByTestId('kernel-reason')).toHaveText('Out of memory: the kernel exceeded its 0.5 GB memory limit and was killed');
  await shot(page, 'the card says out of memory');

  // Restart: Ready again.
  await card(page, KERNEL).getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(card(page, KERNEL).locator('.kernel-badge')).toHaveText('Ready', { timeout: 60_000 });
  await shot(page, 'restarted');

  // Delete, confirmed.
  await card(page, KERNEL).getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: `Delete kernel ${KERNEL}?` }).getByRole('button', { name: 'Delete kernel' }).click();
  await expect(card(page, KERNEL)).toHaveCount(0);
  await shot(page, 'deleted');
});

test('a Python Script node without a kernel says what to do', async ({ page, api }) => {
  const empty = await api.post<DraftAnswer>('/api/drafts', { name: 'no-kernel-e2e' });
  const draft = await api.post<DraftAnswer>(`/api/drafts/${empty.id}/edits`, {
    revision: empty.revision,
    edits: [{ op: 'add_node', node: { id: 'py', type: 'python_script', settings: { cells: ['print(1)'] }, position: { x: 200, y: 120 } } }],
  });
  await openDraft(page, draft.id);
  await node(page, 'py').click();
  await expect(page.getByTestId('kernel-warning')).toContainText('No kernel is chosen');
  await expect(page.getByRole('link', { name: /Manage kernels/ })).toBeVisible();
  await shot(page, 'no kernel chosen');
  await page.getByRole('link', { name: /Manage kernels/ }).click();
  await expect(page).toHaveURL(/\/kernels$/);
});
