import { describe, expect, it } from 'vitest';
import type { Position } from './flowDocument';
import { autoLayout, DEFAULT_NODE_SIZE, type Size } from './layout';
import { flow } from './testFlows';

/** Whether two nodes of the given sizes at the given top-left corners overlap. */
function overlap(first: Position, second: Position, firstSize: Size, secondSize: Size = firstSize): boolean {
  return (
    first.x < second.x + secondSize.width &&
    second.x < first.x + firstSize.width &&
    first.y < second.y + secondSize.height &&
    second.y < first.y + firstSize.height
  );
}

/** Every pair of distinct ids in the map. */
function pairs(positions: Map<string, Position>): [string, string][] {
  const ids = [...positions.keys()];
  return ids.flatMap((first, index) => ids.slice(index + 1).map((second): [string, string] => [first, second]));
}

const joinFlow = flow(
  ['orders:read_csv', 'regions:read_csv', 'with_region:join', 'shipped:filter', 'out:write_csv'],
  ['orders -> with_region.left', 'regions -> with_region.right', 'with_region -> shipped', 'shipped -> out'],
);

describe('autoLayout', () => {
  it('places every node, left to right along the edges', () => {
    const positions = autoLayout(joinFlow);
    expect([...positions.keys()]).toEqual(['orders', 'regions', 'with_region', 'shipped', 'out']);
    expect(positions.get('orders')!.x).toBeLessThan(positions.get('with_region')!.x);
    expect(positions.get('regions')!.x).toBeLessThan(positions.get('with_region')!.x);
    expect(positions.get('with_region')!.x).toBeLessThan(positions.get('shipped')!.x);
    expect(positions.get('shipped')!.x).toBeLessThan(positions.get('out')!.x);
    expect(positions.get('orders')!.x).toBe(positions.get('regions')!.x);
    expect(positions.get('orders')!.y).not.toBe(positions.get('regions')!.y);
  });

  it('leaves at least the rank separation between columns of default-size nodes', () => {
    const positions = autoLayout(flow(['a:read_csv', 'b:filter'], ['a -> b']), { rankSeparation: 100 });
    expect(positions.get('b')!.x - positions.get('a')!.x).toBeGreaterThanOrEqual(DEFAULT_NODE_SIZE.width + 100);
  });

  it('gives whole-pixel top-left corners', () => {
    for (const { x, y } of autoLayout(joinFlow).values()) {
      expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
    }
  });

  it('is deterministic', () => {
    const document = flow(
      ['a:read_csv', 'b:read_csv', 'c:join', 'd:filter', 'e:split', 'f:filter', 'g:filter', 'h:union'],
      ['a -> c.left', 'b -> c.right', 'c -> d', 'd -> e', 'e.matched -> f', 'e.unmatched -> g', 'f -> h.inputs', 'g -> h.inputs', 'b -> h.inputs'],
    );
    const first = autoLayout(document);
    for (let run = 0; run < 5; run++) {
      expect(autoLayout(structuredClone(document))).toEqual(first);
    }
  });

  it('keeps nodes of separate components apart', () => {
    const document = flow(
      ['a:read_csv', 'b:filter', 'c:write_csv', 'x:read_csv', 'y:filter', 'lonely:read_csv', 'p:read_csv', 'q:read_csv', 'u:union'],
      ['a -> b', 'b -> c', 'x -> y', 'p -> u.inputs', 'q -> u.inputs'],
    );
    const positions = autoLayout(document);
    expect(positions.size).toBe(9);
    for (const [first, second] of pairs(positions)) {
      expect(overlap(positions.get(first)!, positions.get(second)!, DEFAULT_NODE_SIZE), `${first} and ${second}`).toBe(false);
    }
  });

  it('uses the given node size, also per node', () => {
    const document = flow(['a:read_csv', 'b:read_csv', 'big:join', 'c:filter'], ['a -> big.left', 'b -> big.right', 'big -> c']);
    const sizeOf = (id: string): Size => (id === 'big' ? { width: 400, height: 300 } : { width: 120, height: 40 });
    const positions = autoLayout(document, { nodeSize: (node) => sizeOf(node.id) });
    for (const [first, second] of pairs(positions)) {
      expect(overlap(positions.get(first)!, positions.get(second)!, sizeOf(first), sizeOf(second))).toBe(false);
    }
    expect(positions.get('c')!.x).toBeGreaterThanOrEqual(positions.get('big')!.x + 400);

    const wide = autoLayout(flow(['a:read_csv', 'b:filter'], ['a -> b']), { nodeSize: { width: 500, height: 64 } });
    expect(wide.get('b')!.x - wide.get('a')!.x).toBeGreaterThanOrEqual(500);
  });

  it('ignores self loops, duplicate node pairs and edges to unknown nodes', () => {
    const document = flow(['a:read_csv', 'j:join'], ['a -> j.left', 'a -> j.right', 'j -> j', 'ghost -> j']);
    const positions = autoLayout(document);
    expect([...positions.keys()]).toEqual(['a', 'j']);
    expect(positions.get('a')!.x).toBeLessThan(positions.get('j')!.x);
  });

  it('lays out an empty flow', () => {
    expect(autoLayout(flow([])).size).toBe(0);
  });
});
