import { describe, expect, it } from 'vitest';
import type { FlowDocument } from './flowDocument';
import { copySelection, pasteClipboard, uniqueNodeId } from './clipboard';
import { flow } from './testFlows';

/** orders and regions feed the join with_region, which feeds shipped; nodes have positions and settings. */
function sampleFlow(): FlowDocument {
  return {
    flowfile: 1,
    name: 'sample',
    nodes: [
      { id: 'orders', type: 'read_csv', position: { x: 0, y: 0 }, settings: { path: 'orders.csv' } },
      { id: 'regions', type: 'read_csv', position: { x: 0, y: 100 }, settings: { path: 'regions.csv' } },
      {
        id: 'with_region',
        type: 'join',
        label: 'With region',
        cache: true,
        position: { x: 300, y: 50 },
        settings: { on: [{ left: 'region_id', right: 'id' }], how: 'inner' },
      },
      { id: 'shipped', type: 'filter', position: { x: 600, y: 50 }, settings: { condition: "status = 'shipped'" } },
    ],
    edges: [
      { from: 'orders', to: 'with_region.left' },
      { from: 'regions', to: 'with_region.right' },
      { from: 'with_region', to: 'shipped' },
    ],
  };
}

describe('copySelection', () => {
  it('keeps the selected nodes with settings and only the edges between them', () => {
    const document = sampleFlow();
    const clipboard = copySelection(document, ['shipped', 'with_region', 'orders']);
    expect(clipboard.nodes.map((node) => node.id)).toEqual(['orders', 'with_region', 'shipped']);
    expect(clipboard.nodes[1]).toEqual(document.nodes[2]);
    expect(clipboard.edges).toEqual([
      { from: 'orders', to: 'with_region.left' },
      { from: 'with_region', to: 'shipped' },
    ]);
  });

  it('deep-copies, so later edits of the document do not change the clipboard', () => {
    const document = sampleFlow();
    const clipboard = copySelection(document, new Set(['with_region']));
    (document.nodes[2].settings!.on as { left: string }[])[0].left = 'changed';
    document.nodes[2].position!.x = 999;
    expect(clipboard.nodes[0].settings).toEqual({ on: [{ left: 'region_id', right: 'id' }], how: 'inner' });
    expect(clipboard.nodes[0].position).toEqual({ x: 300, y: 50 });
  });

  it('copies nothing for an empty selection', () => {
    expect(copySelection(sampleFlow(), [])).toEqual({ nodes: [], edges: [] });
  });
});

describe('pasteClipboard', () => {
  it('gives new ids derived from the old ones, remaps edges and offsets positions', () => {
    const document = sampleFlow();
    const pasted = pasteClipboard(document, copySelection(document, ['orders', 'with_region', 'shipped']));
    expect(pasted.nodes.map((node) => node.id)).toEqual(['orders_2', 'with_region_2', 'shipped_2']);
    expect(pasted.nodes.map((node) => node.position)).toEqual([
      { x: 40, y: 40 },
      { x: 340, y: 90 },
      { x: 640, y: 90 },
    ]);
    expect(pasted.edges).toEqual([
      { from: 'orders_2', to: 'with_region_2.left' },
      { from: 'with_region_2', to: 'shipped_2' },
    ]);
    expect(pasted.nodes[1]).toMatchObject({ type: 'join', label: 'With region', cache: true, settings: document.nodes[2].settings });
  });

  it('does not change the document', () => {
    const document = sampleFlow();
    pasteClipboard(document, copySelection(document, ['orders']));
    expect(document).toEqual(sampleFlow());
  });

  it('uses the given offset', () => {
    const document = sampleFlow();
    const pasted = pasteClipboard(document, copySelection(document, ['shipped']), { x: -10, y: 5 });
    expect(pasted.nodes[0].position).toEqual({ x: 590, y: 55 });
  });

  it('leaves a missing position missing', () => {
    const document = flow(['a:filter']);
    expect(pasteClipboard(document, copySelection(document, ['a'])).nodes[0].position).toBeUndefined();
  });

  it('never collides with existing ids or with other pasted nodes', () => {
    const document = flow(['filter:filter', 'filter_2:filter', 'filter_3:filter', 'filter_5:filter']);
    const clipboard = copySelection(document, ['filter', 'filter_2', 'filter_3', 'filter_5']);
    const first = pasteClipboard(document, clipboard);
    expect(first.nodes.map((node) => node.id)).toEqual(['filter_4', 'filter_6', 'filter_7', 'filter_8']);

    const grown: FlowDocument = { ...document, nodes: [...document.nodes, ...first.nodes] };
    const second = pasteClipboard(grown, clipboard);
    const allIds = [...grown.nodes, ...second.nodes].map((node) => node.id);
    expect(new Set(allIds).size).toBe(allIds.length);
    expect(second.nodes.map((node) => node.id)).toEqual(['filter_9', 'filter_10', 'filter_11', 'filter_12']);
  });

  it('keeps a copied id that is free in the target document', () => {
    const source = sampleFlow();
    const target = flow(['orders:read_csv']);
    const pasted = pasteClipboard(target, copySelection(source, ['orders', 'with_region']));
    expect(pasted.nodes.map((node) => node.id)).toEqual(['orders_2', 'with_region']);
    expect(pasted.edges).toEqual([{ from: 'orders_2', to: 'with_region.left' }]);
  });

  it('keeps ports when remapping edges of multi-output nodes and self joins', () => {
    const document = flow(['s:split', 'j:join'], ['s.matched -> j.left', 's.unmatched -> j.right']);
    const pasted = pasteClipboard(document, copySelection(document, ['s', 'j']));
    expect(pasted.edges).toEqual([
      { from: 's_2.matched', to: 'j_2.left' },
      { from: 's_2.unmatched', to: 'j_2.right' },
    ]);
  });

  it('deep-copies settings, so pasting twice shares nothing', () => {
    const document = sampleFlow();
    const clipboard = copySelection(document, ['with_region']);
    const first = pasteClipboard(document, clipboard);
    const second = pasteClipboard(document, clipboard);
    (first.nodes[0].settings!.on as { left: string }[])[0].left = 'changed';
    expect(second.nodes[0].settings).toEqual({ on: [{ left: 'region_id', right: 'id' }], how: 'inner' });
    expect(clipboard.nodes[0].settings).toEqual({ on: [{ left: 'region_id', right: 'id' }], how: 'inner' });
    expect(document.nodes[2].settings).toEqual({ on: [{ left: 'region_id', right: 'id' }], how: 'inner' });
  });

  it('keeps dashes in derived ids', () => {
    const document = flow(['my-node:filter', 'my-node_2:filter']);
    const pasted = pasteClipboard(document, copySelection(document, ['my-node_2']));
    expect(pasted.nodes[0].id).toBe('my-node_3');
  });
});

describe('uniqueNodeId', () => {
  it('uses the type name, then numbers from 2', () => {
    expect(uniqueNodeId(flow([]), 'read_csv')).toBe('read_csv');
    expect(uniqueNodeId(flow(['read_csv:read_csv']), 'read_csv')).toBe('read_csv_2');
    expect(uniqueNodeId(flow(['read_csv:read_csv', 'read_csv_2:read_csv']), 'read_csv')).toBe('read_csv_3');
  });

  it('fills the first free number', () => {
    expect(uniqueNodeId(flow(['join:join', 'join_3:join']), 'join')).toBe('join_2');
  });

  it('ignores ids of other types that merely start with the type name', () => {
    expect(uniqueNodeId(flow(['filter_rows:filter']), 'filter')).toBe('filter');
  });

  it('replaces characters not allowed in ids', () => {
    expect(uniqueNodeId(flow([]), 'python.script')).toBe('python_script');
    expect(uniqueNodeId(flow(['python_script:x']), 'python.script')).toBe('python_script_2');
    expect(uniqueNodeId(flow([]), '')).toBe('node');
  });
});
