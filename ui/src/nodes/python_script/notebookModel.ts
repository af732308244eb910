// The notebook's pure rules: a cell's result built from its run's events, and cells kept in step with
// the node's `cells` setting.
import type { RunEvent } from '../../api/events';

export type OutputItem =
  | { kind: 'stream'; stream: string; text: string }
  | { kind: 'display'; title?: string; bundle: Record<string, unknown> }
  | { kind: 'error'; text: string }
  | { kind: 'note'; text: string };

export type CellStatus = 'idle' | 'queued' | 'running' | 'ok' | 'error' | 'cancelled';

export interface CellResult {
  status: CellStatus;
  items: OutputItem[];
  /** The execution counter: [n] of the n-th cell run since the namespace started. */
  count?: number;
  millis?: number;
  runId?: string;
}

export const EMPTY_RESULT: CellResult = { status: 'idle', items: [] };

function appendStream(items: OutputItem[], stream: string, text: string): OutputItem[] {
  const last = items[items.length - 1];
  if (last && last.kind === 'stream' && last.stream === stream) {
    return [...items.slice(0, -1), { ...last, text: last.text + text }];
  }
  return [...items, { kind: 'stream', stream, text }];
}

/** A cell's result after one more event of its run (`nodeId` is the Python Script node). */
export function applyRunEvent(result: CellResult, event: RunEvent, nodeId: string): CellResult {
  const data = event.data;
  const node = typeof data.node === 'string' ? data.node : undefined;
  switch (event.event) {
    case 'output':
      if (node !== nodeId) return result;
      return { ...result, status: 'running', items: appendStream(result.items, String(data.stream ?? 'stdout'), String(data.text ?? '')) };
    case 'display':
      if (node !== nodeId) return result;
      return {
        ...result,
        status: 'running',
        items: [...result.items, { kind: 'display', title: typeof data.title === 'string' && data.title !== '' ? data.title : undefined, bundle: (data.bundle ?? {}) as Record<string, unknown> }],
      };
    case 'failed': {
      const message = String(data.message ?? 'failed');
      const text = node && node !== nodeId ? `The upstream node '${node}' failed: ${message}` : message;
      if (result.items.some((item) => item.kind === 'error' && item.text === text)) return result;
      return { ...result, items: [...result.items, { kind: 'error', text }] };
    }
    case 'run':
      return data.state === 'running' ? { ...result, status: 'running' } : result;
    case 'end': {
      const state = String(data.state ?? '');
      const run = (data.run ?? {}) as { durationMillis?: number; errors?: { node?: string; message?: string }[] };
      let items = result.items;
      for (const error of run.errors ?? []) {
        const message = String(error.message ?? '');
        const text = error.node && error.node !== nodeId ? `The upstream node '${error.node}' failed: ${message}` : message;
        if (!items.some((item) => item.kind === 'error' && (item.text === text || item.text === message))) {
          items = [...items, { kind: 'error', text }];
        }
      }
      if (state === 'cancelled') {
        items = [...items, { kind: 'note', text: `Interrupted${typeof data.reason === 'string' ? ` (${data.reason})` : ''}.` }];
      }
      const status: CellStatus = state === 'succeeded' ? 'ok' : state === 'cancelled' ? 'cancelled' : 'error';
      return { ...result, status, items, millis: run.durationMillis ?? result.millis };
    }
    default:
      return result;
  }
}

export interface Cell {
  key: string;
  code: string;
}

let nextKey = 0;
export function newCell(code = ''): Cell {
  nextKey += 1;
  return { key: `cell-${nextKey}`, code };
}

/**
 * The cells for a `cells` setting: the current cells (keeping their keys, so outputs stay with them)
 * when the codes are the same, else cells matched by position.
 */
export function syncCells(current: Cell[], codes: readonly string[]): Cell[] {
  if (current.length === codes.length && current.every((cell, index) => cell.code === codes[index])) return current;
  return codes.map((code, index) => (current[index] ? { key: current[index].key, code } : newCell(code)));
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** Milliseconds as "12 ms", "1.4 s", "2 min 5 s". */
export function formatMillis(millis: number | undefined): string {
  if (millis === undefined) return '';
  if (millis < 1000) return `${millis} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(1)} s`;
  const minutes = Math.floor(millis / 60_000);
  return `${minutes} min ${Math.round((millis % 60_000) / 1000)} s`;
}

/** A DataFrame's HTML (pandas / polars `_repr_html_`) as columns and rows of text, or undefined. */
export function tableFromHtml(html: string): { columns: string[]; types?: string[]; rows: string[][]; caption?: string } | undefined {
  if (!/<table[^>]*class="[^"]*dataframe/.test(html) || typeof DOMParser === 'undefined') return undefined;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) return undefined;
  const headRows = [...table.querySelectorAll('thead tr')];
  const text = (cell: Element) => (cell.textContent ?? '').trim();
  const columns = headRows[0] ? [...headRows[0].children].map(text) : [];
  const types = headRows[1] ? [...headRows[1].children].map(text) : undefined;
  const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
  const caption = doc.querySelector('small')?.textContent ?? undefined;
  return { columns, types, rows, caption };
}
