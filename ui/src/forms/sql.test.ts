import { describe, expect, it } from 'vitest';
import { findColumn, isParameterReference, matchColumns, needsQuoting, quoteIdentifier, typeFamily } from './sql';

const columns = [
  { name: 'id', type: 'BIGINT' },
  { name: 'customer_name', type: 'VARCHAR' },
  { name: 'Order Date', type: 'DATE' },
  { name: 'first_customer', type: 'VARCHAR' },
  { name: 'select', type: 'INTEGER' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
];

describe('quoteIdentifier', () => {
  it('leaves plain names bare', () => {
    expect(quoteIdentifier('customer_name')).toBe('customer_name');
    expect(quoteIdentifier('Amount2')).toBe('Amount2');
    expect(quoteIdentifier('_x')).toBe('_x');
  });

  it('quotes names with spaces, symbols, leading digits, keywords, and doubles quotes', () => {
    expect(quoteIdentifier('Order Date')).toBe('"Order Date"');
    expect(quoteIdentifier('2024')).toBe('"2024"');
    expect(quoteIdentifier('a-b')).toBe('"a-b"');
    expect(quoteIdentifier('select')).toBe('"select"');
    expect(quoteIdentifier('Order')).toBe('"Order"');
    expect(quoteIdentifier('say "hi"')).toBe('"say ""hi"""');
    expect(quoteIdentifier('naïve')).toBe('"naïve"');
    expect(needsQuoting('')).toBe(true);
  });
});

describe('matchColumns', () => {
  it('ranks exact, prefix, word prefix, then substring matches', () => {
    expect(matchColumns(columns, 'customer').map((c) => c.name)).toEqual(['customer_name', 'first_customer']);
    expect(matchColumns(columns, 'ID').map((c) => c.name)).toEqual(['id']);
    expect(matchColumns(columns, 'date').map((c) => c.name)).toEqual(['Order Date']);
    expect(matchColumns(columns, 'ou').map((c) => c.name)).toEqual(['amount']);
  });

  it('ignores a typed opening quote and returns all for empty text', () => {
    expect(matchColumns(columns, '"Order').map((c) => c.name)).toEqual(['Order Date']);
    expect(matchColumns(columns, '')).toHaveLength(columns.length);
  });
});

describe('findColumn', () => {
  it('matches exactly first, then without regard to case', () => {
    expect(findColumn(columns, 'id')?.type).toBe('BIGINT');
    expect(findColumn(columns, 'ORDER DATE')?.name).toBe('Order Date');
    expect(findColumn(columns, 'nope')).toBeUndefined();
  });

  it('recognises parameter references', () => {
    expect(isParameterReference('${col}')).toBe(true);
    expect(isParameterReference('col')).toBe(false);
  });
});

describe('typeFamily', () => {
  it('groups DuckDB types', () => {
    expect(typeFamily('BIGINT')).toBe('number');
    expect(typeFamily('DECIMAL(18,2)')).toBe('number');
    expect(typeFamily('VARCHAR')).toBe('text');
    expect(typeFamily('TIMESTAMP WITH TIME ZONE')).toBe('temporal');
    expect(typeFamily('BOOLEAN')).toBe('boolean');
    expect(typeFamily('VARCHAR[]')).toBe('nested');
    expect(typeFamily('STRUCT(a INTEGER)')).toBe('nested');
    expect(typeFamily('GEOMETRY')).toBe('other');
  });
});
