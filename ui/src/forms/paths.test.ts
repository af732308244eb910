import { describe, expect, it } from 'vitest';
import {
  fieldLabel,
  formatPath,
  getIn,
  humanize,
  isPathWithin,
  joinPath,
  moveItem,
  parsePath,
  pathToId,
  problemsFor,
  removeItem,
  setIn,
} from './paths';

describe('parsePath / formatPath', () => {
  it('parses names, indices and nesting', () => {
    expect(parsePath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parsePath('keys[0].left')).toEqual(['keys', 0, 'left']);
    expect(parsePath('rows[3][1]')).toEqual(['rows', 3, 1]);
    expect(parsePath('column')).toEqual(['column']);
    expect(parsePath('')).toEqual([]);
    expect(parsePath('[0]')).toEqual([0]);
  });

  it('reads numeric dot segments as indices', () => {
    expect(parsePath('keys.0.left')).toEqual(['keys', 0, 'left']);
  });

  it('reads quoted bracket names', () => {
    expect(parsePath('schemas["my col"].type')).toEqual(['schemas', 'my col', 'type']);
    expect(parsePath("a['x.y']")).toEqual(['a', 'x.y']);
  });

  it('formats canonically and round-trips', () => {
    expect(formatPath(['keys', 0, 'left'])).toBe('keys[0].left');
    expect(formatPath('keys.0.left')).toBe('keys[0].left');
    expect(formatPath(['a', 'has space', 1])).toBe('a["has space"][1]');
    expect(formatPath([])).toBe('');
    for (const path of ['a.b[2].c', 'rows[3][1]', 'x["a.b"].y', 'group_by[0]']) {
      expect(formatPath(parsePath(path))).toBe(path);
    }
  });

  it('joins paths', () => {
    expect(joinPath('keys', 0, 'left')).toBe('keys[0].left');
    expect(joinPath('', 'column')).toBe('column');
    expect(joinPath(['a', 1], 'b')).toBe('a[1].b');
  });
});

describe('getIn', () => {
  const value = { keys: [{ left: 'id', right: 'key' }], group_by: ['a', 'b'], nested: { deep: { x: 1 } } };

  it('reads existing values', () => {
    expect(getIn(value, 'keys[0].left')).toBe('id');
    expect(getIn(value, 'group_by[1]')).toBe('b');
    expect(getIn(value, 'nested.deep.x')).toBe(1);
    expect(getIn(value, '')).toBe(value);
  });

  it('gives undefined for missing steps instead of throwing', () => {
    expect(getIn(value, 'keys[5].left')).toBeUndefined();
    expect(getIn(value, 'nope.deeper[0]')).toBeUndefined();
    expect(getIn(value, 'group_by.x')).toBeUndefined();
    expect(getIn(null, 'a')).toBeUndefined();
    expect(getIn(value, 'toString')).toBeUndefined();
  });
});

describe('setIn', () => {
  it('updates immutably and shares untouched branches', () => {
    const before = { keys: [{ left: 'a', right: 'b' }, { left: 'c', right: 'd' }], how: 'inner' };
    const after = setIn(before, 'keys[1].left', 'z');
    expect(after).toEqual({ keys: [{ left: 'a', right: 'b' }, { left: 'z', right: 'd' }], how: 'inner' });
    expect(before.keys[1].left).toBe('c');
    expect(after).not.toBe(before);
    expect(after.keys).not.toBe(before.keys);
    expect(after.keys[0]).toBe(before.keys[0]);
  });

  it('returns the same object when nothing changes', () => {
    const before = { a: { b: 1 } };
    expect(setIn(before, 'a.b', 1)).toBe(before);
    expect(setIn(before, 'missing', undefined)).toBe(before);
  });

  it('creates missing containers', () => {
    expect(setIn({}, 'basic.column', 'x')).toEqual({ basic: { column: 'x' } });
    expect(setIn({}, 'keys[0].left', 'x')).toEqual({ keys: [{ left: 'x' }] });
    expect(setIn(undefined, 'a', 1)).toEqual({ a: 1 });
  });

  it('removes a property set to undefined, keeps array positions with null', () => {
    expect(setIn({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect('a' in setIn({ a: 1, b: 2 }, 'a', undefined)).toBe(false);
    expect(setIn({ list: ['x', 'y', 'z'] }, 'list[1]', undefined)).toEqual({ list: ['x', null, 'z'] });
  });

  it('replaces the whole value for the empty path', () => {
    expect(setIn({ a: 1 }, '', { b: 2 })).toEqual({ b: 2 });
  });

  it('pads arrays when setting past the end', () => {
    expect(setIn({ list: ['a'] }, 'list[2]', 'c')).toEqual({ list: ['a', null, 'c'] });
  });

  it('does not write through __proto__', () => {
    const result = setIn({}, '__proto__.polluted', true) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
  });
});

describe('array helpers', () => {
  it('moves items', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 1, 9)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('removes items without mutating', () => {
    const list = ['a', 'b', 'c'];
    expect(removeItem(list, 1)).toEqual(['a', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('humanize', () => {
  it('turns property names into labels', () => {
    expect(humanize('group_by')).toBe('Group by');
    expect(humanize('column')).toBe('Column');
    expect(humanize('leftSuffix')).toBe('Left suffix');
    expect(humanize('right_suffix')).toBe('Right suffix');
    expect(humanize('skip-rows')).toBe('Skip rows');
    expect(humanize('drop_unlisted')).toBe('Drop unlisted');
    expect(humanize('sourceURL')).toBe('Source URL');
    expect(humanize('value2')).toBe('Value2');
    expect(humanize('x')).toBe('X');
    expect(humanize('__')).toBe('__');
  });

  it('labels fields inside rows with their row number', () => {
    expect(fieldLabel('Column', [])).toBe('Column');
    expect(fieldLabel('Column', [0])).toBe('Column (row 1)');
    expect(fieldLabel('Left', [1, 0])).toBe('Left (row 2.1)');
  });
});

describe('problemsFor', () => {
  const problems = [
    { path: 'keys[0].left', message: 'must not be blank' },
    { path: 'keys', message: 'needs at least one entry' },
    { path: 'keys.1.right', message: 'unknown column' },
    { path: 'keysets', message: 'other field' },
    { path: 'column', message: 'is required' },
    { path: '', message: 'whole settings' },
  ];

  it('matches a field itself and what is inside it, not fields sharing a prefix', () => {
    expect(problemsFor('keys', problems).map((p) => p.message)).toEqual(['must not be blank', 'needs at least one entry', 'unknown column']);
    expect(problemsFor('keys[0]', problems).map((p) => p.message)).toEqual(['must not be blank']);
    expect(problemsFor('keys[0].left', problems).map((p) => p.message)).toEqual(['must not be blank']);
    expect(problemsFor('keys[1].right', problems).map((p) => p.message)).toEqual(['unknown column']);
    expect(problemsFor('column', problems).map((p) => p.message)).toEqual(['is required']);
    expect(problemsFor('how', problems)).toEqual([]);
  });

  it('gives every problem for the empty path', () => {
    expect(problemsFor('', problems)).toHaveLength(problems.length);
  });

  it('compares paths segment by segment', () => {
    expect(isPathWithin('a[10]', 'a[1]')).toBe(false);
    expect(isPathWithin('a[1].b', 'a[1]')).toBe(true);
    expect(isPathWithin('a', 'a.b')).toBe(false);
  });
});

describe('pathToId', () => {
  it('makes element ids', () => {
    expect(pathToId('keys[0].left')).toBe('keys-0-left');
    expect(pathToId('')).toBe('root');
    expect(pathToId('a["x y"]')).toBe('a-x-y');
  });
});
