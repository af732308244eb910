import { describe, expect, it } from 'vitest';
import { applySelectEdit, duplicateOutputs, mergeSelectRows, rowsToColumns } from './selectTable';

const input = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
];

describe('mergeSelectRows', () => {
  it('lists the input columns when nothing is listed', () => {
    const rows = mergeSelectRows(undefined, input, false);
    expect(rows.map((r) => [r.column, r.keep, r.type, r.index])).toEqual([
      ['id', true, 'BIGINT', -1],
      ['name', true, 'VARCHAR', -1],
      ['amount', true, 'DECIMAL(18,2)', -1],
    ]);
  });

  it('puts listed columns first, in their order, then the others; drop_unlisted drops the others', () => {
    const rows = mergeSelectRows([{ column: 'AMOUNT', keep: true, cast_to: 'DOUBLE' }, { column: 'id', keep: false }], input, true);
    expect(rows.map((r) => [r.column, r.keep, r.castTo, r.type, r.index])).toEqual([
      ['AMOUNT', true, 'DOUBLE', 'DECIMAL(18,2)', 0],
      ['id', false, '', 'BIGINT', 1],
      ['name', false, '', 'VARCHAR', -1],
    ]);
  });

  it('flags listed columns the input no longer has, only when the input is known', () => {
    expect(mergeSelectRows([{ column: 'gone' }], input, false)[0]).toMatchObject({ column: 'gone', missing: true, keep: true });
    expect(mergeSelectRows([{ column: 'gone' }], [], false)[0]).toMatchObject({ column: 'gone', missing: false });
  });

  it('skips entries without a column and keeps unknown properties', () => {
    const rows = mergeSelectRows([null, { keep: false }, { column: 'id', extra: 1 }], input, false);
    expect(rows[0]).toMatchObject({ column: 'id', index: 2, extra: { extra: 1 } });
    expect(rowsToColumns(rows)[0]).toEqual({ extra: 1, column: 'id', keep: true });
  });
});

describe('rowsToColumns', () => {
  it('writes keep always and rename/cast only when set', () => {
    const rows = mergeSelectRows([{ column: 'id', rename_to: 'key', cast_to: ' INTEGER ' }], input, false);
    expect(rowsToColumns(rows)).toEqual([
      { column: 'id', keep: true, rename_to: 'key', cast_to: 'INTEGER' },
      { column: 'name', keep: true },
      { column: 'amount', keep: true },
    ]);
  });
});

describe('applySelectEdit', () => {
  it('unchecking a column writes the whole table', () => {
    const next = applySelectEdit({}, input, { kind: 'patch', column: 'name', patch: { keep: false } });
    expect(next).toEqual({
      columns: [
        { column: 'id', keep: true },
        { column: 'name', keep: false },
        { column: 'amount', keep: true },
      ],
    });
  });

  it('moves rows and keeps other settings', () => {
    const next = applySelectEdit({ drop_unlisted: true, columns: [{ column: 'id' }, { column: 'name' }, { column: 'amount' }] }, input, { kind: 'move', from: 2, to: 0 });
    expect(next.drop_unlisted).toBe(true);
    expect((next.columns as { column: string }[]).map((c) => c.column)).toEqual(['amount', 'id', 'name']);
  });

  it('removes a missing column, and keeps the missing ones otherwise', () => {
    const settings = { columns: [{ column: 'gone', keep: true }, { column: 'id', keep: true }] };
    const kept = applySelectEdit(settings, input, { kind: 'keepAll', keep: false });
    expect(kept.columns).toEqual([
      { column: 'gone', keep: true },
      { column: 'id', keep: false },
      { column: 'name', keep: false },
      { column: 'amount', keep: false },
    ]);
    const removed = applySelectEdit(settings, input, { kind: 'remove', column: 'gone' });
    expect((removed.columns as { column: string }[]).map((c) => c.column)).toEqual(['id', 'name', 'amount']);
  });

  it('clears a rename with an empty text', () => {
    const next = applySelectEdit({ columns: [{ column: 'id', rename_to: 'key' }] }, input, { kind: 'patch', column: 'id', patch: { renameTo: '' } });
    expect((next.columns as object[])[0]).toEqual({ column: 'id', keep: true });
  });
});

describe('duplicateOutputs', () => {
  it('finds kept rows sharing an output name, ignoring case', () => {
    const rows = mergeSelectRows([{ column: 'id', rename_to: 'Name' }], input, false);
    expect([...duplicateOutputs(rows)]).toEqual(['name']);
    const dropped = mergeSelectRows([{ column: 'id', rename_to: 'Name' }, { column: 'name', keep: false }], input, false);
    expect(duplicateOutputs(dropped).size).toBe(0);
  });
});
