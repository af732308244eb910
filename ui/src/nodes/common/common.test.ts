import { describe, expect, it } from 'vitest';
import { assignProblems, relativeWhere, splitByProperties } from './problems';
import { dropIndex, move, withProp } from './reorder';
import { defaultAt, descriptionAt, enumOptions, propertyNames, restrictSchema, schemaAt } from './schemaInfo';
import { cellText } from './duckdb';
import { distinctValues } from './preview';

const schema = {
  type: 'object',
  properties: {
    how: { type: 'string', enum: ['inner', 'left', 'cross'], description: 'inner (default), left or cross.' },
    keys: {
      type: 'array',
      items: { type: 'object', properties: { left: { type: 'string', 'x-flowfile-column': 'left' }, dir: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['asc', 'desc'] }] } } },
    },
    suffix: { type: ['string', 'null'], description: 'Appended.' },
  },
  required: ['how', 'suffix'],
  additionalProperties: false,
};

describe('schemaInfo', () => {
  it('reads enums, defaults and descriptions at paths', () => {
    expect(enumOptions(schema, ['how'], [])).toEqual(['inner', 'left', 'cross']);
    expect(enumOptions(schema, ['keys', '[]', 'dir'], [])).toEqual(['asc', 'desc']);
    expect(enumOptions(schema, ['nope'], ['x'])).toEqual(['x']);
    expect(enumOptions(undefined, ['how'], ['y'])).toEqual(['y']);
    expect(defaultAt(schema, ['how'])).toBe('inner');
    expect(descriptionAt(schema, ['suffix'])).toBe('Appended.');
    expect(schemaAt(schema, ['keys', '[]', 'left'])?.['x-flowfile-column']).toBe('left');
    expect(propertyNames(schema)).toEqual(['how', 'keys', 'suffix']);
  });

  it('restricts a schema to the properties not handled', () => {
    const rest = restrictSchema(schema, ['how', 'keys']);
    expect(Object.keys(rest?.properties ?? {})).toEqual(['suffix']);
    expect(rest?.required).toEqual(['suffix']);
    expect(restrictSchema(schema, ['how', 'keys', 'suffix'])).toBeUndefined();
  });
});

describe('problems', () => {
  it('gives each problem to the deepest field containing it', () => {
    const problems = [
      { path: 'keys[0].left', message: 'a' },
      { path: 'keys.1', message: 'b' },
      { path: 'keys', message: 'c' },
      { path: 'other', message: 'd' },
      { path: '', message: 'e' },
    ];
    const { byField, unassigned } = assignProblems(problems, ['keys', 'keys[0]', 'keys[0].left', 'keys[1]']);
    expect(byField.get('keys[0].left')?.map((p) => p.message)).toEqual(['a']);
    expect(byField.get('keys[1]')?.map((p) => p.message)).toEqual(['b']);
    expect(byField.get('keys')?.map((p) => p.message)).toEqual(['c']);
    expect(unassigned.map((p) => p.message)).toEqual(['d', 'e']);
  });

  it('splits problems by top-level property and labels nested ones', () => {
    const { inside, outside } = splitByProperties([{ path: 'columns[0].name', message: 'x' }, { path: 'path', message: 'y' }], ['columns']);
    expect(inside.map((p) => p.message)).toEqual(['x']);
    expect(outside.map((p) => p.message)).toEqual(['y']);
    expect(relativeWhere('values[1]', 'values')).toBe('item 2');
    expect(relativeWhere('columns[0].rename_to', 'columns[0]')).toBe('rename to');
    expect(relativeWhere('values', 'values')).toBeNull();
  });
});

describe('reorder', () => {
  it('computes where a dropped row lands', () => {
    expect(dropIndex(0, 2, false, 4)).toBe(1);
    expect(dropIndex(0, 2, true, 4)).toBe(2);
    expect(dropIndex(3, 0, false, 4)).toBe(0);
    expect(dropIndex(3, 0, true, 4)).toBe(1);
    expect(dropIndex(1, 1, true, 4)).toBe(1);
    expect(dropIndex(0, 3, true, 4)).toBe(3);
    expect(dropIndex(5, 0, true, 4)).toBe(5);
  });

  it('moves items and sets or removes properties', () => {
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b', 'c'], 2, -5)).toEqual(['c', 'a', 'b']);
    expect(withProp({ a: 1, b: 2 }, 'b', undefined)).toEqual({ a: 1 });
    expect(withProp({ a: 1 }, 'b', 'x')).toEqual({ a: 1, b: 'x' });
  });
});

describe('previews', () => {
  it('formats cells', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText(3.5)).toBe('3.5');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText('x'.repeat(300))?.length).toBe(200);
  });

  it('collects distinct values of a column in natural order', () => {
    const preview = { columns: [{ name: 'Year', type: 'BIGINT' }, { name: 'v', type: 'DOUBLE' }], rows: [[2024, 1], [2023, 2], [null, 3], [2024, 4], [10, 5]] };
    expect(distinctValues(preview, 'year')).toEqual(['10', '2023', '2024']);
    expect(distinctValues(preview, 'nope')).toEqual([]);
  });
});
