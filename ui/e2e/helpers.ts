// What the designer tests do again and again: upload files, open a draft, find nodes and handles,
// connect ports by dragging, drop files on the canvas.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { FlowfileApi } from './harness/fixtures';

export const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SALES = path.join(REPOSITORY, 'examples', 'sales');

export interface DraftAnswer {
  id: string;
  revision: number;
  name: string;
  document: { nodes: { id: string; type: string; settings?: Record<string, unknown>; position?: { x: number; y: number } }[]; edges: { from: string; to: string }[] };
  problems: { node?: string; path?: string; message: string }[];
}

/** Uploads a file of the repository to the server's files (relative paths in settings start there). */
export async function upload(api: FlowfileApi, file: string, as = path.basename(file)): Promise<void> {
  await api.post('/api/files', fs.readFileSync(file), { params: { path: as, overwrite: true }, headers: { 'Content-Type': 'application/octet-stream' } });
}

/** Imports a flow file as a new draft. */
export async function importDraft(api: FlowfileApi, file: string): Promise<DraftAnswer> {
  return api.post<DraftAnswer>('/api/drafts', { document: fs.readFileSync(file, 'utf8'), format: 'yaml' });
}

export async function openDraft(page: Page, id: string): Promise<void> {
  await page.goto('/drafts/' + id);
  await expect(page.getByTestId('save-state')).toContainText('Saved');
}

export function node(page: Page, id: string) {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

export function handle(page: Page, nodeId: string, port: string, kind: 'source' | 'target') {
  return page.locator(`.react-flow__handle.${kind}[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
}

/** Drags from an output port to an input port, as a user draws an edge. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const [fromNode, fromPort = 'main'] = from.split('.');
  const [toNode, toPort = 'main'] = to.split('.');
  const source = await handle(page, fromNode, fromPort, 'source').boundingBox();
  const target = await handle(page, toNode, toPort, 'target').boundingBox();
  if (!source || !target) throw new Error(`no handle for ${from} or ${to} on the canvas`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Drags a node type from the palette to a point of the canvas (relative to its top left). */
export async function dragFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.locator(`.palette-item[data-node-type="${type}"]`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Drops files from disk onto the canvas, as a user drags them from the desktop. */
export async function dropFiles(page: Page, files: string[], x: number, y: number): Promise<void> {
  const payload = files.map((file) => ({ name: path.basename(file), bytes: [...fs.readFileSync(file)] }));
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  const dataTransfer = await page.evaluateHandle((entries) => {
    const transfer = new DataTransfer();
    for (const entry of entries) transfer.items.add(new File([new Uint8Array(entry.bytes)], entry.name));
    return transfer;
  }, payload);
  const point = { clientX: canvas.x + x, clientY: canvas.y + y };
  await page.getByTestId('canvas').dispatchEvent('dragover', { dataTransfer, ...point });
  await page.getByTestId('canvas').dispatchEvent('drop', { dataTransfer, ...point });
}

/** Replaces the whole text of a code editor (by its accessible name) with {@code code}. */
export async function typeCode(page: Page, editor: string, code: string): Promise<void> {
  const box = page.getByRole('textbox', { name: editor });
  await box.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await page.keyboard.press('Escape');
}
