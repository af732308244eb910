// The designer in a real browser against the packaged server: the sales example built from an empty
// canvas by drag and drop, a wrong column fixed with the picker, refused edges, undo/redo, copy and
// paste, cancelling a long run, import and export, and two tabs editing one draft.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, shot, type FlowfileApi } from './harness/fixtures';
import type { Page } from '@playwright/test';
import { REPOSITORY, SALES, connect, dragFromPalette, dropFiles, node, openDraft, type DraftAnswer } from './helpers';

async function select(page: Page, id: string) {
  await node(page, id).click();
  await expect(page.getByRole('complementary', { name: 'Settings' }).getByText(id, { exact: true })).toBeVisible();
}

/** Types a column into a picker and commits it with Enter. */
async function pickColumn(page: Page, label: string, column: string) {
  const picker = page.getByRole('combobox', { name: label, exact: true });
  await picker.fill(column);
  await picker.press('Enter');
}

async function commitText(page: Page, label: string, value: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

async function draftWith(api: FlowfileApi, name: string, edits: unknown[]): Promise<DraftAnswer> {
  const draft = await api.post<DraftAnswer>('/api/drafts', { name });
  return api.post<DraftAnswer>(`/api/drafts/${draft.id}/edits`, { revision: draft.revision, edits });
}

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-state')).toContainText('Saved');
}

test('build the sales example from an empty canvas, run it, register it and reopen it', async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByLabel('Name').fill('sales-ui');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('An empty flow.')).toBeVisible();
  await shot(page, 'empty canvas');

  // The CSV files dropped on the canvas are uploaded and read.
  await dropFiles(page, [path.join(SALES, 'orders.csv')], 110, 90);
  await expect(node(page, 'read_csv')).toBeVisible();
  await dropFiles(page, [path.join(SALES, 'regions.csv')], 110, 290);
  await expect(node(page, 'read_csv_2')).toBeVisible();
  await select(page, 'read_csv');
  await expect(page.getByLabel('File preview')).toContainText('region_code');
  await commitText(page, 'Node label', 'Orders');
  await shot(page, 'orders read with its file preview');

  // The rest from the palette, by dragging.
  await dragFromPalette(page, 'filter', 340, 90);
  await dragFromPalette(page, 'formula', 570, 90);
  await dragFromPalette(page, 'join', 570, 290);
  await dragFromPalette(page, 'group_by', 110, 470);
  await dragFromPalette(page, 'sort', 340, 470);
  await dragFromPalette(page, 'write_csv', 570, 470);
  for (const id of ['filter', 'formula', 'join', 'group_by', 'sort', 'write_csv']) {
    await expect(node(page, id)).toBeVisible();
  }
  await connect(page, 'read_csv', 'filter');
  await connect(page, 'filter', 'formula');
  await connect(page, 'formula', 'join.left');
  await connect(page, 'read_csv_2', 'join.right');
  await connect(page, 'join', 'group_by');
  await connect(page, 'group_by', 'sort');
  await connect(page, 'sort', 'write_csv');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  await shot(page, 'nodes connected, not configured');

  await select(page, 'filter');
  await pickColumn(page, 'Column', 'status');
  await page.getByLabel('Operator').selectOption('equals');
  await commitText(page, 'Value', 'shipped');
  await waitSaved(page);

  await select(page, 'formula');
  await commitText(page, 'New column', 'revenue');
  const expression = page.getByRole('textbox', { name: 'Expression' });
  await expression.click();
  await page.keyboard.type('quantity * unit_price');
  await page.keyboard.press('Tab');
  await waitSaved(page);

  await select(page, 'join');
  await page.getByLabel('How').selectOption('left');
  if (await page.getByRole('combobox', { name: 'Left column (row 1)' }).count() === 0) {
    await page.getByRole('button', { name: 'Add key' }).click();
  }
  await pickColumn(page, 'Left column (row 1)', 'region_code');
  await pickColumn(page, 'Right column (row 1)', 'code');
  await waitSaved(page);
  await shot(page, 'join configured');

  await select(page, 'group_by');
  await pickColumn(page, 'Group by', 'region');
  await pickColumn(page, 'Group by', 'product');
  await page.getByRole('button', { name: 'Add aggregation' }).click();
  await pickColumn(page, 'Column (row 1)', 'revenue');
  await page.getByLabel('Function (row 1)').selectOption('sum');
  await commitText(page, 'Alias (row 1)', 'revenue');
  await waitSaved(page);

  await select(page, 'sort');
  await page.getByRole('button', { name: 'Add key' }).click();
  await pickColumn(page, 'Column (row 1)', 'revenue');
  await page.getByLabel('Direction (row 1)').selectOption('desc');
  await waitSaved(page);

  await select(page, 'write_csv');
  await commitText(page, 'Path', 'out/revenue-ui.csv');
  await waitSaved(page);
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await select(page, 'sort');
  await expect(page.getByRole('complementary', { name: 'Settings' }).getByRole('region', { name: 'Output columns' })).toContainText('revenue');
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await waitSaved(page);
  await shot(page, 'configured and laid out');

  // Run: every node ends with its rows.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, 'write_csv').locator('[data-state="succeeded"]')).toBeVisible({ timeout: 60_000 });
  for (const id of ['read_csv', 'read_csv_2', 'filter', 'formula', 'join', 'group_by', 'sort', 'write_csv']) {
    await expect(node(page, id).locator('.flow-node-status')).toContainText('rows');
  }
  await expect(page.getByRole('tab', { name: 'Run log (succeeded)' })).toBeVisible();
  await shot(page, 'after the run');
  const sortRows = Number((await node(page, 'sort').locator('.flow-node-status').innerText()).match(/([\d,]+) rows/)![1].replace(/,/g, ''));

  await select(page, 'sort');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Preview of sort' });
  await expect(grid).toContainText('revenue');
  await expect(grid.getByRole('row')).toHaveCount(sortRows + 1);
  await shot(page, 'preview of the sorted rows');

  // The written file holds what the preview showed.
  const written = fs.readFileSync(path.join(server.dataDir, 'files', 'out', 'revenue-ui.csv'), 'utf8').trim().split('\n');
  expect(written[0]).toBe('region,product,revenue');
  expect(written).toHaveLength(sortRows + 1);

  // Register shows what it registers, then the flow can be reopened from the home page.
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('dialog')).toContainText('first version of sales-ui');
  await shot(page, 'register dialog');
  await page.getByRole('button', { name: 'Register version 1' }).click();
  await expect(page.getByText("Registered 'sales-ui' version 1.")).toBeVisible();
  await page.getByRole('link', { name: 'Flowfile' }).click();
  const registered = page.getByRole('region', { name: 'Registered flows' }).getByRole('row', { name: /sales-ui/ });
  await expect(registered).toContainText('v1');
  await shot(page, 'home with the registered flow');
  await registered.getByRole('button', { name: 'Open as draft' }).click();
  await expect(node(page, 'write_csv')).toBeVisible();
  await expect(node(page, 'read_csv')).toContainText('Orders');
  await shot(page, 'the registered version reopened');

  // A change, then Register shows the diff since version 1 before it makes version 2.
  await select(page, 'sort');
  await page.getByLabel('Direction (row 1)').selectOption('asc');
  await waitSaved(page);
  await page.getByRole('button', { name: 'Register' }).click();
  const changes = page.getByLabel('Changes since the last version');
  await expect(changes).toContainText('sort');
  await expect(changes).toContainText('direction');
  await shot(page, 'register shows the diff');
  await page.getByRole('button', { name: 'Register version 2' }).click();
  await expect(page.getByText("Registered 'sales-ui' version 2.")).toBeVisible();
});

test('a wrong column shows its problem on the node and the field, and the column picker fixes it', async ({ page, api }) => {
  await api.post('/api/files', fs.readFileSync(path.join(SALES, 'orders.csv')), { params: { path: 'orders.csv', overwrite: true }, headers: { 'Content-Type': 'application/octet-stream' } });
  const draft = await draftWith(api, 'wrong-column', [
    { op: 'add_node', node: { id: 'orders', type: 'read_csv', settings: { path: 'orders.csv' }, position: { x: 0, y: 0 } } },
    { op: 'add_node', node: { id: 'shipped', type: 'filter', position: { x: 300, y: 0 },
      settings: { mode: 'basic', basic: { column: 'statuz', operator: 'equals', value: 'shipped' } } } },
    { op: 'connect', from: 'orders', to: 'shipped' },
  ]);
  expect(draft.problems.some((problem) => problem.node === 'shipped')).toBe(true);
  await openDraft(page, draft.id);
  const marker = node(page, 'shipped').locator('.flow-node-problem');
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute('aria-label', /statuz/);
  // A click on the problem in the bottom panel selects the node and focuses the field.
  await page.getByRole('tab', { name: /^Problems \(/ }).click();
  await page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /shipped/ }).first().click();
  const picker = page.getByRole('combobox', { name: 'Column', exact: true });
  await expect(picker).toBeFocused();
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('complementary', { name: 'Settings' })).toContainText('statuz');
  await shot(page, 'the problem on the node and the field');
  // The picker lists the input's columns with their types; choosing one fixes the node.
  await picker.click();
  await picker.fill('');
  const option = page.getByRole('option', { name: /^status/ });
  await expect(option).toBeVisible();
  await shot(page, 'the column picker open');
  await option.click();
  await waitSaved(page);
  await expect(marker).toHaveCount(0);
  await expect(picker).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await shot(page, 'fixed');
});

test('a cycle and a second edge into a single-input port cannot be drawn', async ({ page, api }) => {
  const draft = await draftWith(api, 'no-cycles', [
    { op: 'add_node', node: { id: 'source', type: 'manual_input', position: { x: 0, y: 150 }, settings: { columns: [{ name: 'a', type: 'BIGINT' }], rows: [[1]] } } },
    { op: 'add_node', node: { id: 'first', type: 'filter', position: { x: 260, y: 0 }, settings: { mode: 'advanced', expression: 'a > 0' } } },
    { op: 'add_node', node: { id: 'second', type: 'filter', position: { x: 520, y: 0 }, settings: { mode: 'advanced', expression: 'a > 0' } } },
    { op: 'add_node', node: { id: 'third', type: 'filter', position: { x: 520, y: 260 }, settings: { mode: 'advanced', expression: 'a > 0' } } },
    { op: 'connect', from: 'source', to: 'first' },
    { op: 'connect', from: 'first', to: 'second' },
    { op: 'connect', from: 'second', to: 'third' },
  ]);
  await openDraft(page, draft.id);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await connect(page, 'third', 'first');
  await expect(page.getByRole('alert').filter({ hasText: 'would close a cycle' })).toContainText('first → second → third');
  await shot(page, 'a cycle refused');
  await connect(page, 'source', 'second');
  await expect(page.getByRole('alert').filter({ hasText: 'already has an input' })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  const saved = await api.get<DraftAnswer>(`/api/drafts/${draft.id}`);
  expect(saved.document.edges).toHaveLength(3);
});

test('undo and redo, copy and paste, delete', async ({ page, api }) => {
  const draft = await draftWith(api, 'undo-redo', [
    { op: 'add_node', node: { id: 'source', type: 'manual_input', position: { x: 0, y: 0 }, settings: { columns: [{ name: 'a', type: 'BIGINT' }], rows: [[1], [2]] } } },
  ]);
  await openDraft(page, draft.id);
  await page.locator('.palette-item[data-node-type="sample"]').dblclick();
  await expect(node(page, 'sample')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(node(page, 'sample')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(node(page, 'sample')).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(node(page, 'sample')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(node(page, 'sample')).toBeVisible();

  // Copy and paste keep settings and give new ids.
  await node(page, 'source').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(node(page, 'source_2')).toBeVisible();
  const pasted = (await api.get<DraftAnswer>(`/api/drafts/${draft.id}`)).document.nodes.find((candidate) => candidate.id === 'source_2');
  expect(pasted?.settings).toEqual({ columns: [{ name: 'a', type: 'BIGINT' }], rows: [[1], [2]] });
  await shot(page, 'pasted');

  // Delete removes the selected node; undo brings it back.
  await node(page, 'source_2').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'source_2')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(node(page, 'source_2')).toBeVisible();
});

test('a long run can be cancelled', async ({ page, api }) => {
  const draft = await draftWith(api, 'slow', [
    { op: 'add_node', node: { id: 'numbers', type: 'manual_input', position: { x: 0, y: 0 }, settings: { columns: [{ name: 'a', type: 'BIGINT' }], rows: [[1]] } } },
    { op: 'add_node', node: { id: 'forever', type: 'sql', position: { x: 300, y: 0 },
      settings: { query: 'SELECT sum(a.range * b.range) AS s FROM range(200000000) a, range(1000000) b' } } },
    { op: 'connect', from: 'numbers', to: 'forever' },
  ]);
  await openDraft(page, draft.id);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, 'forever').locator('[data-state="running"]')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'running');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByRole('tab', { name: 'Run log (cancelled)' })).toBeVisible({ timeout: 30_000 });
  await expect(node(page, 'forever').locator('[data-state="cancelled"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  await shot(page, 'cancelled');
});

test('a YAML file imported from the home page exports byte-identical to flowfile format', async ({ page }) => {
  const file = path.join(SALES, 'sales-report.yaml');
  await page.getByLabel('Import a flow file').setInputFiles(file);
  await expect(node(page, 'with_region')).toBeVisible();
  await expect(page.locator('.flow-name')).toHaveText('sales-report');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('sales-report.yaml');
  const exported = fs.readFileSync(await download.path());
  const formatted = execFileSync(path.join(REPOSITORY, 'flowfile'), ['format', file], { timeout: 120_000 });
  expect(exported.equals(formatted)).toBe(true);
});

test('two tabs editing one draft: the second gets a conflict message, not a silent overwrite', async ({ page, api, browser, server }) => {
  const draft = await draftWith(api, 'two-tabs', [
    { op: 'add_node', node: { id: 'source', type: 'manual_input', position: { x: 0, y: 0 }, settings: { columns: [{ name: 'a', type: 'BIGINT' }], rows: [[1]] } } },
  ]);
  await openDraft(page, draft.id);
  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const second = await other.newPage();
  await second.goto(server.loginLink);
  await openDraft(second, draft.id);

  await select(page, 'source');
  await commitText(page, 'Node label', 'From the first tab');
  await waitSaved(page);
  await expect(node(page, 'source')).toContainText('From the first tab');

  await select(second, 'source');
  await commitText(second, 'Node label', 'From the second tab');
  await expect(second.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toBeVisible();
  await expect(node(second, 'source')).toContainText('From the first tab');
  await shot(second, 'the second tab told of the conflict');
  const saved = await api.get<DraftAnswer & { document: { nodes: { label?: string }[] } }>(`/api/drafts/${draft.id}`);
  expect(saved.document.nodes[0].label).toBe('From the first tab');
  await other.close();
});

test('the designer follows a dark system theme', async ({ browser, server }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.loginLink);
  await page.getByRole('button', { name: 'Import…' }).waitFor();
  await page.getByLabel('Import a flow file').setInputFiles(path.join(SALES, 'sales-report.yaml'));
  await expect(node(page, 'with_region')).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(18, 21, 27)');
  await node(page, 'with_region').click();
  await shot(page, 'dark theme');
  await context.close();
});
