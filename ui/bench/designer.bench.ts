// Opening a 200-node flow until the canvas is interactive, and a settings change until its problem
// is shown, measured in Chromium against the packaged server; beside each, the server's own part
// (the same requests without the browser) as the floor. Medians and ratios go to the console and to
// build/ui-benchmark.json. Goals (issue 12): open ≤ 1 s, settings change ≤ 150 ms.
import fs from 'node:fs';
import path from 'node:path';
import { test, type FlowfileApi } from '../e2e/harness/fixtures';
import { repoRoot } from '../e2e/harness/paths';
import type { Page } from '@playwright/test';

const NODES = 200;
const OPENS = 7;
const CHANGES = 15;

interface Draft { id: string; revision: number }

/** A source and 199 filters in chains of 20, as a wide real flow looks: 10 rows of 20 columns. */
function bigFlow() {
  const nodes: unknown[] = [{ id: 'source', type: 'manual_input', position: { x: 0, y: 0 },
    settings: { columns: [{ name: 'a', type: 'BIGINT' }, { name: 'b', type: 'VARCHAR' }], rows: [[1, 'x'], [2, 'y']] } }];
  const edges: unknown[] = [];
  for (let index = 1; index < NODES; index++) {
    const row = Math.floor((index - 1) / 20);
    const column = (index - 1) % 20;
    nodes.push({ id: `f${index}`, type: 'filter', position: { x: 260 + column * 240, y: row * 120 },
      settings: { mode: 'basic', basic: { column: 'a', operator: 'greater_than', value: String(index % 3) } } });
    edges.push({ from: column === 0 ? 'source' : `f${index - 1}`, to: `f${index}` });
  }
  return { flowfile: 1, name: 'two-hundred-nodes', nodes, edges };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Milliseconds from navigation until 200 nodes are drawn and a click on one selects it. */
async function openUntilInteractive(page: Page, id: string): Promise<number> {
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto('/drafts/' + id);
  await page.waitForFunction((count) => document.querySelectorAll('.react-flow__node').length === count, NODES, { polling: 'raf', timeout: 60_000 });
  await page.locator('.react-flow__node[data-id="f1"]').click();
  await page.getByRole('complementary', { name: 'Settings' }).getByText('f1', { exact: true }).waitFor();
  return Date.now() - started;
}

/**
 * In the page: the time from the Enter that commits a column to the node's problem marker
 * appearing (or going), measured with performance.now() and a MutationObserver.
 */
async function settingsChangeUntilShown(page: Page, column: string, expectProblem: boolean): Promise<number> {
  const picker = page.getByRole('combobox', { name: 'Column', exact: true });
  await picker.fill(column);
  const waiting = page.evaluate((wantProblem) => new Promise<number>((resolve, reject) => {
    const started = { at: 0 };
    const input = document.querySelector<HTMLInputElement>('[data-field="basic.column"]')!;
    input.addEventListener('keydown', () => { started.at = performance.now(); }, { once: true, capture: true });
    const shown = () => (document.querySelector('.react-flow__node[data-id="f1"] .flow-node-problem') !== null) === wantProblem;
    const observer = new MutationObserver(() => {
      if (started.at && shown()) {
        observer.disconnect();
        resolve(performance.now() - started.at);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    setTimeout(() => { observer.disconnect(); reject(new Error('the problem marker did not change within 30 s')); }, 30_000);
  }), expectProblem);
  await page.waitForTimeout(50);
  await picker.press('Enter');
  return waiting;
}

/** The same edit through the API alone: what the server takes, without the browser. */
async function editAlone(api: FlowfileApi, draft: Draft, column: string): Promise<{ millis: number; revision: number }> {
  const started = performance.now();
  const answer = await api.post<Draft>(`/api/drafts/${draft.id}/edits`, { revision: draft.revision,
    edits: [{ op: 'update_settings', node: 'f1', settings: { mode: 'basic', basic: { column, operator: 'greater_than', value: '1' } } }] });
  return { millis: performance.now() - started, revision: answer.revision };
}

test('designer: open a 200-node flow; a settings change until its problem shows', async ({ page, api }) => {
  const draft = await api.post<Draft>('/api/drafts', { document: bigFlow() });

  // Floor: the draft's own request (document, schemas, problems) without the browser.
  const fetches: number[] = [];
  for (let run = 0; run < OPENS; run++) {
    const started = performance.now();
    await api.get(`/api/drafts/${draft.id}`);
    fetches.push(performance.now() - started);
  }
  const opens: number[] = [];
  for (let run = 0; run < OPENS; run++) {
    opens.push(await openUntilInteractive(page, draft.id));
  }

  const changes: number[] = [];
  for (let run = 0; run < CHANGES; run++) {
    const wrong = run % 2 === 0;
    changes.push(await settingsChangeUntilShown(page, wrong ? `missing_${run}` : 'a', wrong));
  }
  const current = await api.get<Draft>(`/api/drafts/${draft.id}`);
  let state: Draft = { id: draft.id, revision: current.revision };
  const edits: number[] = [];
  for (let run = 0; run < CHANGES; run++) {
    const answer = await editAlone(api, state, run % 2 === 0 ? `missing_api_${run}` : 'a');
    edits.push(answer.millis);
    state = { id: draft.id, revision: answer.revision };
  }

  const result = {
    machine: '2 cores, 24 GiB; Chromium (Debian) headless; packaged server on 127.0.0.1',
    nodes: NODES,
    open: { runs: OPENS, medianMillis: median(opens), p90Millis: percentile(opens, 0.9), goalMillis: 1000,
      draftRequestMedianMillis: median(fetches), ratioToRequest: median(opens) / median(fetches) },
    settingsChange: { runs: CHANGES, medianMillis: median(changes), p90Millis: percentile(changes, 0.9), goalMillis: 150,
      editRequestAloneMedianMillis: median(edits), ratioToRequest: median(changes) / median(edits) },
  };
  const format = (value: number) => value.toFixed(1);
  console.log(`\nDesigner benchmark (${NODES} nodes)`);
  console.log(`  open until interactive: median ${format(result.open.medianMillis)} ms, p90 ${format(result.open.p90Millis)} ms (goal ≤ 1000);`
    + ` GET draft alone ${format(result.open.draftRequestMedianMillis)} ms; ratio ${result.open.ratioToRequest.toFixed(1)}x`);
  console.log(`  settings change → problem shown: median ${format(result.settingsChange.medianMillis)} ms, p90 ${format(result.settingsChange.p90Millis)} ms (goal ≤ 150);`
    + ` the edit request alone ${format(result.settingsChange.editRequestAloneMedianMillis)} ms; ratio ${result.settingsChange.ratioToRequest.toFixed(1)}x`);
  fs.mkdirSync(path.join(repoRoot, 'build'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'build', 'ui-benchmark.json'), JSON.stringify(result, null, 2) + '\n');
});
