// The Node Designer in a real browser against the packaged server: an SQL "top N per group" node type
// built from the starter (form, SQL, a test on a pasted sample), saved, published, and used in a flow
// on the canvas; a Python node type that fits a scikit-learn model on a real kernel and publishes it.
import { test, expect, shot, type FlowfileApi } from './harness/fixtures';
import type { Page } from '@playwright/test';
import { connect, dragFromPalette, node, openDraft, typeCode, type DraftAnswer } from './helpers';

const KERNEL = 'e2e-node-designer';

async function pickColumn(scope: ReturnType<Page['getByRole']>, label: string, column: string) {
  const picker = scope.getByRole('combobox', { name: label, exact: true });
  await picker.fill(column);
  await picker.press('Enter');
}

/** Adds a component of a kind to the first section and names it. */
async function addComponent(page: Page, kind: string, name: string, label: string) {
  const builder = page.getByRole('region', { name: 'Form builder' });
  await builder.getByLabel('Kind of component to add to Settings').selectOption({ label: kind });
  await builder.getByRole('button', { name: 'Add to Settings' }).click();
  const added = builder.getByRole('group', { name: /^Properties of / });
  await added.getByLabel(/^Setting name of /).fill(name);
  await added.getByLabel(/^Label of /).fill(label);
}

test('an SQL node type built in the Node Designer, tested on a pasted sample, published and used on the canvas', async ({ page, api }) => {
  test.setTimeout(180_000);
  const type = 'top_n_' + Date.now().toString(36);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Node Designer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('My SQL node');
  await shot(page, 'a new SQL node type from the starter');

  // What it is.
  await page.getByLabel('Type name', { exact: true }).fill(type);
  await page.getByLabel('Title', { exact: true }).fill('Top N per group');
  await page.getByLabel('Category', { exact: true }).selectOption('aggregate');
  await page.getByLabel('Description', { exact: true }).fill('The N rows with the largest value in each group.');

  // The form: the starter's column becomes "Group by"; "Order by" (numeric columns only) and "N" are added.
  const builder = page.getByRole('region', { name: 'Form builder' });
  await builder.getByRole('button', { name: 'Edit Column' }).click();
  await builder.getByLabel('Setting name of Column').fill('group_by');
  await builder.getByLabel('Label of Column').fill('Group by');
  await builder.getByRole('button', { name: 'Edit Group by' }).click();
  await addComponent(page, 'Column selector', 'order_by', 'Order by');
  await builder.getByLabel('Column types of Order by').selectOption('numeric');
  await builder.getByLabel('Order by is required').check();
  await builder.getByRole('button', { name: 'Edit Order by' }).click();
  await addComponent(page, 'Number', 'n', 'N');
  await builder.getByLabel('N takes whole numbers').check();
  await builder.getByLabel('Least value of N').fill('1');
  await builder.getByLabel('Default of N').fill('1');
  await builder.getByLabel('Default of N').blur();
  const preview = page.getByRole('region', { name: 'Settings as users see them' });
  await expect(preview.getByRole('combobox', { name: 'Group by', exact: true })).toBeVisible();
  await expect(preview.getByRole('combobox', { name: 'Order by', exact: true })).toBeVisible();
  await expect(preview.getByLabel('N', { exact: true })).toHaveValue('1');
  await shot(page, 'the form built, shown live as users see it');

  // The SQL, with the settings as placeholders.
  await page.getByRole('tab', { name: 'SQL' }).click();
  await typeCode(page, 'SQL', 'SELECT * FROM main QUALIFY row_number() OVER (PARTITION BY {{group_by}} ORDER BY {{order_by}} DESC) <= {{n}}');
  await page.getByLabel('Title', { exact: true }).click();
  await shot(page, 'the SQL with placeholders');

  // A test on a sample pasted from a spreadsheet.
  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByRole('button', { name: 'Paste from a spreadsheet' }).click();
  await page.getByLabel('Pasted table for main').fill('region\tamount\nnorth\t5\nnorth\t9\nnorth\t7\nsouth\t1\nsouth\t4\n');
  await page.getByRole('button', { name: 'Use 5 rows × 2 columns' }).click();
  await expect(page.getByLabel('main: type of column 2')).toHaveValue('BIGINT');
  const testSettings = page.getByRole('region', { name: 'Test settings' });
  await pickColumn(testSettings, 'Group by', 'region');
  await pickColumn(testSettings, 'Order by', 'amount');
  await testSettings.getByLabel('N', { exact: true }).fill('2');
  await testSettings.getByLabel('N', { exact: true }).press('Enter');
  await testSettings.getByRole('button', { name: 'Run the test' }).click();
  const result = page.getByRole('region', { name: 'Test result' });
  await expect(result).toContainText('Output: 4 rows');
  await expect(result).toContainText('as predicted before the run');
  const rows = result.getByRole('table', { name: 'Output rows' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(result.getByRole('table', { name: 'Output rows' })).not.toContainText('south5');
  await shot(page, 'the test on the pasted sample');

  // A text column where numbers are wanted is named before anything runs.
  await pickColumn(testSettings, 'Order by', 'region');
  await testSettings.getByRole('button', { name: 'Run the test' }).click();
  await expect(result).toContainText('not a numeric column');
  await pickColumn(testSettings, 'Order by', 'amount');

  // Saved and published: it is version 1 in the list and in the palette.
  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByText(`Saved '${type}' version 1, published to the palette.`)).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Custom node types' })).toContainText('(v1 in the palette)');
  await expect(page).toHaveURL(new RegExp(`/node-designer/${type}$`));
  await shot(page, 'saved and published');

  // Used in a flow on the canvas.
  const draft = await draftWithSales(api, 'top-n-' + type);
  await openDraft(page, draft.id);
  await page.getByLabel('Search node types').fill('Top N');
  await dragFromPalette(page, type, 420, 120);
  await expect(node(page, type)).toBeVisible();
  await connect(page, 'sales', type);
  await node(page, type).click();
  const settings = page.getByRole('complementary', { name: 'Settings' });
  await pickColumn(settings, 'Group by', 'region');
  await pickColumn(settings, 'Order by', 'amount');
  await expect(page.getByTestId('save-state')).toContainText('Saved');
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, type).locator('[data-state="succeeded"]')).toBeVisible({ timeout: 60_000 });
  await expect(node(page, type).locator('.flow-node-status')).toContainText('2 rows');
  const stored = await api.get<{ document: { nodes: { id: string; type_version?: number }[] } }>(`/api/drafts/${draft.id}`);
  expect(stored.document.nodes.find((candidate) => candidate.id === type)?.type_version).toBe(1);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const grid = page.getByRole('grid', { name: `Preview of ${type}` });
  await expect(grid).toContainText('9');
  await expect(grid).toContainText('4');
  await shot(page, 'the custom node in a flow after its run');
});

async function draftWithSales(api: FlowfileApi, name: string): Promise<DraftAnswer> {
  const draft = await api.post<DraftAnswer>('/api/drafts', { name });
  return api.post<DraftAnswer>(`/api/drafts/${draft.id}/edits`, { revision: draft.revision, edits: [{
    op: 'add_node', node: { id: 'sales', type: 'manual_input', position: { x: 80, y: 120 }, settings: {
      columns: [{ name: 'region', type: 'VARCHAR' }, { name: 'amount', type: 'INTEGER' }],
      rows: [['north', 5], ['north', 9], ['south', 1], ['south', 4]] } },
  }] });
}

test('a Python node type that fits a scikit-learn model on a real kernel and publishes it', async ({ page, api }) => {
  test.setTimeout(240_000);
  await api.post(`/api/kernels/${KERNEL}/stop`, {}).catch(() => undefined);
  await api.delete(`/api/kernels/${KERNEL}`).catch(() => undefined);
  await api.post('/api/kernels', { id: KERNEL, name: 'Node designer tests', memoryGb: 1 });
  const type = 'fit_model_' + Date.now().toString(36);

  await page.goto('/node-designer');
  await page.getByLabel('Implementation', { exact: true }).selectOption('python');
  await page.getByLabel('Type name', { exact: true }).fill(type);
  await page.getByLabel('Title', { exact: true }).fill('Fit a revenue model');
  const builder = page.getByRole('region', { name: 'Form builder' });
  // Changing the implementation keeps the form: the starter's column goes, two numeric columns come.
  await builder.getByRole('button', { name: 'Remove Column' }).click();
  await addComponent(page, 'Column selector', 'target', 'Target');
  await builder.getByLabel('Column types of Target').selectOption('numeric');
  await builder.getByRole('button', { name: 'Edit Target' }).click();
  await addComponent(page, 'Column selector', 'feature', 'Feature');
  await builder.getByLabel('Column types of Feature').selectOption('numeric');

  await page.getByRole('tab', { name: 'Python' }).click();
  await typeCode(page, 'Python code', [
    'from sklearn.linear_model import LinearRegression',
    'frame = inputs["main"].collect()',
    'x = frame.select(settings["feature"]).to_numpy()',
    'model = LinearRegression().fit(x, frame[settings["target"]].to_numpy())',
    'flowfile.publish_artifact("revenue_model", model)',
    'print("published", type(flowfile.read_artifact("revenue_model")).__name__)',
    'return frame.with_columns(prediction=model.predict(x))',
  ].join('\n'));
  await page.getByLabel('Requirements', { exact: true }).fill('scikit-learn>=1.0');
  await page.getByLabel('Requirements', { exact: true }).press('Enter');
  await shot(page, 'the Python code of a node type');

  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByRole('button', { name: 'Paste from a spreadsheet' }).click();
  await page.getByLabel('Pasted table for main').fill('quantity\tunit_price\n1\t10\n2\t19\n3\t31\n4\t40\n');
  await page.getByRole('button', { name: 'Use 4 rows × 2 columns' }).click();
  const testSettings = page.getByRole('region', { name: 'Test settings' });
  await testSettings.getByLabel('Kernel', { exact: true }).selectOption(KERNEL);
  await pickColumn(testSettings, 'Target', 'unit_price');
  await pickColumn(testSettings, 'Feature', 'quantity');
  await testSettings.getByRole('button', { name: 'Run the test' }).click();
  const result = page.getByRole('region', { name: 'Test result' });
  await expect(result).toContainText('Output: 4 rows', { timeout: 120_000 });
  await expect(result.getByRole('table', { name: 'Output rows' })).toContainText('prediction');
  await expect(result.getByLabel('Printed by the code')).toContainText('published LinearRegression');
  await shot(page, 'the Python node type tested on a real kernel');

  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByText(`Saved '${type}' version 1, published to the palette.`)).toBeVisible();
  const palette = await api.get<{ type: string; version?: number }[]>('/api/node-types');
  expect(palette.find((entry) => entry.type === type)?.version).toBe(1);
  await api.post(`/api/kernels/${KERNEL}/stop`, {}).catch(() => undefined);
});
