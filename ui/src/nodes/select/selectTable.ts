/**
 * The select node's table: the settings' listed columns merged with the input's columns, and back.
 * Pure.
 *
 * Settings: `{columns: [{column, keep, rename_to, cast_to}], drop_unlisted}`. Listed columns come
 * first, in their order; input columns that are not listed follow in input order, kept unless
 * drop_unlisted. Any edit writes every row of the table into `columns`, so what the table shows is
 * exactly what the settings say (new input columns showing up later follow the listed ones).
 */
import type { ColumnInfo } from '../../forms/sql';
import { asList, asRecord, move } from '../common/reorder';

export interface SelectRow {
  /** The input column's name (as the settings or the input spell it). */
  column: string;
  keep: boolean;
  renameTo: string;
  castTo: string;
  /** The input column's type; undefined when the input does not have the column (or is unknown). */
  type?: string;
  /** Index in settings.columns, or -1 for an input column the settings do not list. */
  index: number;
  /** Listed in the settings but not a column of the (known) input. */
  missing: boolean;
  /** Properties of the settings entry this panel does not know, kept as they are. */
  extra: Record<string, unknown>;
}

const KNOWN = new Set(['column', 'keep', 'rename_to', 'cast_to']);

function key(name: string): string {
  return name.toLowerCase();
}

/** The table rows for the settings and the input columns. */
export function mergeSelectRows(settingsColumns: unknown, input: readonly ColumnInfo[], dropUnlisted: boolean): SelectRow[] {
  const byName = new Map<string, ColumnInfo>();
  for (const column of input) if (!byName.has(key(column.name))) byName.set(key(column.name), column);
  const rows: SelectRow[] = [];
  const listed = new Set<string>();
  asList(settingsColumns).forEach((raw, index) => {
    const entry = asRecord(raw);
    if (typeof entry.column !== 'string') return;
    const found = byName.get(key(entry.column));
    listed.add(key(entry.column));
    const extra: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(entry)) if (!KNOWN.has(name)) extra[name] = value;
    rows.push({
      column: entry.column,
      keep: entry.keep !== false,
      renameTo: typeof entry.rename_to === 'string' ? entry.rename_to : '',
      castTo: typeof entry.cast_to === 'string' ? entry.cast_to : '',
      type: found?.type,
      index,
      missing: input.length > 0 && !found,
      extra,
    });
  });
  for (const column of input) {
    if (listed.has(key(column.name))) continue;
    listed.add(key(column.name));
    rows.push({ column: column.name, keep: !dropUnlisted, renameTo: '', castTo: '', type: column.type, index: -1, missing: false, extra: {} });
  }
  return rows;
}

/** The settings entries for the rows, in table order (keep always written; rename/cast when set). */
export function rowsToColumns(rows: readonly SelectRow[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const entry: Record<string, unknown> = { ...row.extra, column: row.column, keep: row.keep };
    if (row.renameTo !== '') entry.rename_to = row.renameTo;
    if (row.castTo.trim() !== '') entry.cast_to = row.castTo.trim();
    return entry;
  });
}

/** What an edit does to the table. */
export type SelectEdit =
  | { kind: 'patch'; column: string; patch: Partial<Pick<SelectRow, 'keep' | 'renameTo' | 'castTo'>> }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'remove'; column: string }
  | { kind: 'keepAll'; keep: boolean }
  | { kind: 'list' };

/** The settings after an edit of the table (other settings kept as they are). */
export function applySelectEdit(settings: Record<string, unknown>, input: readonly ColumnInfo[], edit: SelectEdit): Record<string, unknown> {
  const rows = mergeSelectRows(settings.columns, input, settings.drop_unlisted === true);
  let next: SelectRow[] = rows;
  switch (edit.kind) {
    case 'patch': {
      const at = findRow(rows, edit.column);
      if (at < 0) return settings;
      next = rows.map((row, index) => (index === at ? { ...row, ...edit.patch } : row));
      break;
    }
    case 'move':
      next = move(rows, edit.from, edit.to);
      break;
    case 'remove': {
      const at = findRow(rows, edit.column);
      if (at < 0) return settings;
      next = rows.filter((_, index) => index !== at);
      break;
    }
    case 'keepAll':
      next = rows.map((row) => (row.missing ? row : { ...row, keep: edit.keep }));
      break;
    case 'list':
      break;
  }
  return { ...settings, columns: rowsToColumns(next) };
}

/** The index of the row for a column: exact name first, then ignoring case; -1 when none. */
export function findRow(rows: readonly SelectRow[], column: string): number {
  const exact = rows.findIndex((row) => row.column === column);
  return exact >= 0 ? exact : rows.findIndex((row) => key(row.column) === key(column));
}

/** The output name of a row. */
export function outputName(row: SelectRow): string {
  return row.renameTo !== '' ? row.renameTo : row.column;
}

/** Output names used by more than one kept row (DuckDB compares names ignoring case), lower case. */
export function duplicateOutputs(rows: readonly SelectRow[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const row of rows) {
    if (!row.keep) continue;
    const name = key(outputName(row));
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  return duplicates;
}
