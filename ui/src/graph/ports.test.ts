import { describe, expect, it } from 'vitest';
import { endpoint, parseEndpoint, parseInputPort, sameEndpoint } from './ports';

describe('parseInputPort', () => {
  it('reads a port without suffix as taking exactly one edge', () => {
    expect(parseInputPort('main')).toEqual({ name: 'main', arity: 'one' });
    expect(parseInputPort('left')).toEqual({ name: 'left', arity: 'one' });
  });

  it('reads a ? suffix as optional', () => {
    expect(parseInputPort('main?')).toEqual({ name: 'main', arity: 'optional' });
  });

  it('reads a * suffix as many', () => {
    expect(parseInputPort('inputs*')).toEqual({ name: 'inputs', arity: 'many' });
  });
});

describe('parseEndpoint', () => {
  it('reads a bare node id as port main', () => {
    expect(parseEndpoint('revenue')).toEqual({ node: 'revenue', port: 'main' });
  });

  it('reads node.port', () => {
    expect(parseEndpoint('with_region.left')).toEqual({ node: 'with_region', port: 'left' });
  });

  it('keeps dashes and underscores in node ids and port names', () => {
    expect(parseEndpoint('my-node_2.input_1')).toEqual({ node: 'my-node_2', port: 'input_1' });
    expect(parseEndpoint('-_-')).toEqual({ node: '-_-', port: 'main' });
  });
});

describe('endpoint', () => {
  it('writes port main as the bare node id', () => {
    expect(endpoint('revenue', 'main')).toBe('revenue');
    expect(endpoint('revenue')).toBe('revenue');
  });

  it('writes other ports as node.port', () => {
    expect(endpoint('with_region', 'left')).toBe('with_region.left');
    expect(endpoint('a-b_c', 'unmatched')).toBe('a-b_c.unmatched');
  });

  it('round-trips through parseEndpoint', () => {
    for (const text of ['a', 'a.left', 'my-node_2.input_1', 'x-y']) {
      const { node, port } = parseEndpoint(text);
      expect(endpoint(node, port)).toBe(text);
    }
  });
});

describe('sameEndpoint', () => {
  it('compares node and port', () => {
    expect(sameEndpoint(parseEndpoint('a'), { node: 'a', port: 'main' })).toBe(true);
    expect(sameEndpoint(parseEndpoint('a.left'), parseEndpoint('a.right'))).toBe(false);
    expect(sameEndpoint(parseEndpoint('a.left'), parseEndpoint('b.left'))).toBe(false);
  });
});
