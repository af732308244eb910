import { describe, expect, it } from 'vitest';
import type { FlowDocument } from './flowDocument';
import {
  canConnect,
  freeInputPort,
  nodesReachableFrom,
  problemsOfConnections,
  topologicalOrder,
  wouldCloseCycle,
} from './rules';
import { flow, testTypes } from './testFlows';

const main = (node: string) => ({ node, port: 'main' });
const port = (node: string, name: string) => ({ node, port: name });

/** orders and regions feed the join with_region; with_region feeds shipped. */
const joinFlow = flow(
  ['orders:read_csv', 'regions:read_csv', 'with_region:join', 'shipped:filter'],
  ['orders -> with_region.left', 'with_region -> shipped'],
);

describe('canConnect', () => {
  it('allows a free input port', () => {
    expect(canConnect(joinFlow, testTypes, main('regions'), port('with_region', 'right'))).toEqual({ ok: true });
  });

  it('accepts a lookup function instead of a map', () => {
    const lookup = (type: string) => testTypes.get(type);
    expect(canConnect(joinFlow, lookup, main('regions'), port('with_region', 'right'))).toEqual({ ok: true });
    expect(canConnect(joinFlow, () => undefined, main('regions'), port('with_region', 'right'))).toEqual({
      ok: false,
      reason: "'regions' has an unknown type 'read_csv'",
    });
  });

  it('refuses a self loop', () => {
    expect(canConnect(joinFlow, testTypes, main('shipped'), main('shipped'))).toEqual({
      ok: false,
      reason: 'A node cannot connect to itself',
    });
  });

  it('refuses an edge closing a cycle through several nodes and names the path', () => {
    const chain = flow(['a:filter', 'b:filter', 'c:filter', 'd:union'], ['a -> b', 'b -> c', 'c -> d.inputs']);
    expect(canConnect(chain, testTypes, main('d'), main('a'))).toEqual({
      ok: false,
      reason: 'This edge would close a cycle: d → a → b → c → d',
    });
  });

  it('names the cycle, not the taken port, when an edge would do both', () => {
    const chain = flow(['source:read_csv', 'a:filter', 'b:filter', 'c:filter'], ['source -> a', 'a -> b', 'b -> c']);
    expect(canConnect(chain, testTypes, main('c'), main('a'))).toEqual({
      ok: false,
      reason: 'This edge would close a cycle: c → a → b → c',
    });
  });

  it('refuses an edge onto a taken single-input port, naming the port and the rule', () => {
    expect(canConnect(joinFlow, testTypes, main('regions'), port('with_region', 'left'))).toEqual({
      ok: false,
      reason: "Port 'left' of 'with_region' already has an input; Join nodes take one edge on port 'left'",
    });
  });

  it('refuses a second edge onto an optional port', () => {
    const document = flow(['a:read_csv', 'b:read_csv', 'query:sql'], ['a -> query.input_2']);
    expect(canConnect(document, testTypes, main('b'), port('query', 'input_2'))).toEqual({
      ok: false,
      reason: "Port 'input_2' of 'query' already has an input; SQL nodes take at most one edge on port 'input_2'",
    });
    expect(canConnect(document, testTypes, main('b'), port('query', 'input_3'))).toEqual({ ok: true });
  });

  it('allows any number of edges onto a many port', () => {
    const document = flow(['a:read_csv', 'b:read_csv', 'c:read_csv', 'all:union'], ['a -> all.inputs', 'b -> all.inputs']);
    expect(canConnect(document, testTypes, main('c'), port('all', 'inputs'))).toEqual({ ok: true });
  });

  it('refuses a duplicate edge, also on a many port', () => {
    expect(canConnect(joinFlow, testTypes, main('orders'), port('with_region', 'left'))).toEqual({
      ok: false,
      reason: 'These nodes are already connected',
    });
    const document = flow(['a:read_csv', 'all:union'], ['a -> all.inputs']);
    expect(canConnect(document, testTypes, main('a'), port('all', 'inputs'))).toEqual({
      ok: false,
      reason: 'These nodes are already connected',
    });
  });

  it('allows the same source on two ports of a join (a self join)', () => {
    expect(canConnect(joinFlow, testTypes, main('orders'), port('with_region', 'right'))).toEqual({ ok: true });
  });

  it('refuses unknown output and input ports', () => {
    expect(canConnect(joinFlow, testTypes, port('orders', 'x'), port('with_region', 'right'))).toEqual({
      ok: false,
      reason: "'orders' has no output port 'x'",
    });
    expect(canConnect(joinFlow, testTypes, main('regions'), port('shipped', 'x'))).toEqual({
      ok: false,
      reason: "'shipped' has no input port 'x'",
    });
    expect(canConnect(joinFlow, testTypes, main('shipped'), main('orders'))).toEqual({
      ok: false,
      reason: "'orders' has no input port 'main'",
    });
  });

  it('uses the named output ports of a node with several outputs', () => {
    const document = flow(['source:read_csv', 'split:split', 'kept:filter', 'dropped:filter'], ['source -> split']);
    expect(canConnect(document, testTypes, port('split', 'matched'), main('kept'))).toEqual({ ok: true });
    expect(canConnect(document, testTypes, port('split', 'unmatched'), main('dropped'))).toEqual({ ok: true });
    expect(canConnect(document, testTypes, main('split'), main('kept'))).toEqual({
      ok: false,
      reason: "'split' has no output port 'main'",
    });
  });

  it('refuses nodes that are not in the document', () => {
    expect(canConnect(joinFlow, testTypes, main('ghost'), main('shipped'))).toEqual({
      ok: false,
      reason: "There is no node 'ghost'",
    });
    expect(canConnect(joinFlow, testTypes, main('orders'), main('ghost'))).toEqual({
      ok: false,
      reason: "There is no node 'ghost'",
    });
  });
});

describe('wouldCloseCycle', () => {
  const chain = flow(['a:filter', 'b:filter', 'c:filter', 'd:filter'], ['a -> b', 'b -> c', 'c -> d']);

  it('returns the cycle starting and ending at the new edge source', () => {
    expect(wouldCloseCycle(chain, 'd', 'a')).toEqual(['d', 'a', 'b', 'c', 'd']);
    expect(wouldCloseCycle(chain, 'c', 'b')).toEqual(['c', 'b', 'c']);
  });

  it('returns null for edges that close no cycle', () => {
    expect(wouldCloseCycle(chain, 'a', 'd')).toBeNull();
    expect(wouldCloseCycle(chain, 'b', 'd')).toBeNull();
  });

  it('treats a self loop as a cycle', () => {
    expect(wouldCloseCycle(chain, 'b', 'b')).toEqual(['b', 'b']);
  });

  it('follows edges through named ports and picks the shortest path', () => {
    const document = flow(
      ['a:read_csv', 'j:join', 'long:filter', 'longer:filter', 'end:union'],
      ['a -> j.left', 'j -> long', 'long -> longer', 'longer -> end.inputs', 'j -> end.inputs'],
    );
    expect(wouldCloseCycle(document, 'end', 'j')).toEqual(['end', 'j', 'end']);
    expect(wouldCloseCycle(document, 'longer', 'a')).toEqual(['longer', 'a', 'j', 'long', 'longer']);
  });
});

describe('topologicalOrder', () => {
  it('puts every node after the nodes feeding it, preferring document order', () => {
    const document = flow(
      ['shipped:filter', 'with_region:join', 'regions:read_csv', 'orders:read_csv', 'lonely:read_csv'],
      ['orders -> with_region.left', 'regions -> with_region.right', 'with_region -> shipped'],
    );
    expect(topologicalOrder(document)).toEqual(['regions', 'orders', 'with_region', 'shipped', 'lonely']);
  });

  it('counts two edges between the same nodes correctly', () => {
    const document = flow(['self_join:join', 'orders:read_csv'], ['orders -> self_join.left', 'orders -> self_join.right']);
    expect(topologicalOrder(document)).toEqual(['orders', 'self_join']);
  });

  it('puts nodes on a cycle last, in document order', () => {
    const document = flow(['x:filter', 'source:read_csv', 'y:filter', 'after:filter'], ['x -> y', 'y -> x', 'source -> after']);
    expect(topologicalOrder(document)).toEqual(['source', 'after', 'x', 'y']);
  });

  it('ignores edges naming unknown nodes', () => {
    const document = flow(['a:filter', 'b:filter'], ['ghost -> a', 'a -> b']);
    expect(topologicalOrder(document)).toEqual(['a', 'b']);
  });
});

describe('nodesReachableFrom', () => {
  const document = flow(
    ['a:read_csv', 'b:filter', 'c:split', 'd:filter', 'e:filter', 'other:read_csv'],
    ['a -> b', 'b -> c', 'c.matched -> d', 'c.unmatched -> e', 'other -> e'],
  );

  it('returns every downstream node without the start', () => {
    expect(nodesReachableFrom(document, 'a')).toEqual(new Set(['b', 'c', 'd', 'e']));
    expect(nodesReachableFrom(document, 'c')).toEqual(new Set(['d', 'e']));
    expect(nodesReachableFrom(document, 'other')).toEqual(new Set(['e']));
  });

  it('returns nothing for a node without outputs', () => {
    expect(nodesReachableFrom(document, 'd').size).toBe(0);
  });
});

describe('freeInputPort', () => {
  const types = (name: string) => testTypes.get(name)!;

  it('returns the first port that can take an edge', () => {
    expect(freeInputPort(joinFlow, types('join'), 'with_region')).toBe('right');
    expect(freeInputPort(flow(['j:join']), types('join'), 'j')).toBe('left');
  });

  it('returns null when every port is taken or there are no inputs', () => {
    const full = flow(['a:read_csv', 'b:read_csv', 'j:join'], ['a -> j.left', 'b -> j.right']);
    expect(freeInputPort(full, types('join'), 'j')).toBeNull();
    expect(freeInputPort(joinFlow, types('filter'), 'shipped')).toBeNull();
    expect(freeInputPort(joinFlow, types('read_csv'), 'orders')).toBeNull();
  });

  it('skips taken optional ports and always offers a many port', () => {
    const query = flow(['a:read_csv', 'b:read_csv', 'q:sql'], ['a -> q.input_1', 'b -> q.input_2']);
    expect(freeInputPort(query, types('sql'), 'q')).toBe('input_3');
    const union = flow(['a:read_csv', 'b:read_csv', 'u:union'], ['a -> u.inputs', 'b -> u.inputs']);
    expect(freeInputPort(union, types('union'), 'u')).toBe('inputs');
  });
});

describe('problemsOfConnections', () => {
  it('reports required input ports without an edge', () => {
    const document: FlowDocument = flow(
      ['orders:read_csv', 'with_region:join', 'query:sql', 'all:union', 'out:write_csv', 'mystery:unknown'],
      ['orders -> with_region.left', 'orders -> query.input_1'],
    );
    expect(problemsOfConnections(document, testTypes)).toEqual([
      { node: 'with_region', port: 'right', message: "Port 'right' of 'with_region' has no input" },
      { node: 'out', port: 'main', message: "Port 'main' of 'out' has no input" },
    ]);
  });

  it('reports nothing for a fully connected flow', () => {
    const document = flow(['a:read_csv', 'b:read_csv', 'j:join', 'out:write_csv'], ['a -> j.left', 'b -> j.right', 'j -> out']);
    expect(problemsOfConnections(document, testTypes)).toEqual([]);
  });
});
