import { describe, expect, it } from 'vitest';
import { applyRunEvent, EMPTY_RESULT, formatMillis, moveItem, syncCells, type CellResult } from './notebookModel';
import type { RunEvent } from '../../api/events';

const event = (name: RunEvent['event'], data: Record<string, unknown>, id = 1): RunEvent => ({ id, event: name, data });

describe('applyRunEvent', () => {
  it('appends stdout and merges consecutive chunks of one stream', () => {
    let result: CellResult = { ...EMPTY_RESULT, status: 'queued' };
    result = applyRunEvent(result, event('output', { node: 'py', stream: 'stdout', text: 'a\n' }), 'py');
    result = applyRunEvent(result, event('output', { node: 'py', stream: 'stdout', text: 'b\n' }), 'py');
    result = applyRunEvent(result, event('output', { node: 'py', stream: 'stderr', text: 'c\n' }), 'py');
    expect(result.items).toEqual([
      { kind: 'stream', stream: 'stdout', text: 'a\nb\n' },
      { kind: 'stream', stream: 'stderr', text: 'c\n' },
    ]);
    expect(result.status).toBe('running');
  });

  it('ignores other nodes\' output and keeps displays with their title', () => {
    let result = applyRunEvent(EMPTY_RESULT, event('output', { node: 'orders', stream: 'stdout', text: 'x' }), 'py');
    expect(result.items).toEqual([]);
    result = applyRunEvent(result, event('display', { node: 'py', title: 'chart', bundle: { 'image/png': 'AAA' } }), 'py');
    expect(result.items).toEqual([{ kind: 'display', title: 'chart', bundle: { 'image/png': 'AAA' } }]);
  });

  it('ends failed with the traceback from the run summary, once', () => {
    const end = event('end', { state: 'failed', run: { durationMillis: 75, errors: [{ node: 'py', message: 'ValueError: boom' }] } });
    const result = applyRunEvent(applyRunEvent(EMPTY_RESULT, event('failed', { node: 'py', message: 'ValueError: boom' }), 'py'), end, 'py');
    expect(result.status).toBe('error');
    expect(result.millis).toBe(75);
    expect(result.items).toEqual([{ kind: 'error', text: 'ValueError: boom' }]);
  });

  it('names a failed upstream node', () => {
    const result = applyRunEvent(EMPTY_RESULT, event('end', { state: 'failed', run: { errors: [{ node: 'orders', message: 'no file' }] } }), 'py');
    expect(result.items).toEqual([{ kind: 'error', text: "The upstream node 'orders' failed: no file" }]);
  });

  it('marks a cancelled run as interrupted', () => {
    const result = applyRunEvent(EMPTY_RESULT, event('end', { state: 'cancelled', run: { durationMillis: 900 } }), 'py');
    expect(result.status).toBe('cancelled');
    expect(result.items).toEqual([{ kind: 'note', text: 'Interrupted.' }]);
  });
});

describe('cells', () => {
  it('keeps keys when the codes are unchanged and matches by position otherwise', () => {
    const cells = syncCells([], ['a', 'b']);
    expect(syncCells(cells, ['a', 'b'])).toBe(cells);
    const changed = syncCells(cells, ['a', 'c', 'd']);
    expect(changed.map((cell) => cell.key).slice(0, 2)).toEqual(cells.map((cell) => cell.key));
    expect(changed.map((cell) => cell.code)).toEqual(['a', 'c', 'd']);
  });

  it('moves items', () => {
    expect(moveItem([1, 2, 3], 0, 2)).toEqual([2, 3, 1]);
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
  });

  it('formats durations', () => {
    expect(formatMillis(12)).toBe('12 ms');
    expect(formatMillis(1450)).toBe('1.4 s');
    expect(formatMillis(125_000)).toBe('2 min 5 s');
  });
});
