/** Pure helpers for SQL text in settings: quoting column names, matching typed text to columns. */

export interface ColumnInfo {
  name: string;
  /** A DuckDB type name: VARCHAR, BIGINT, DOUBLE, DATE, DECIMAL(18,2), ... */
  type: string;
}

/**
 * DuckDB's reserved words (those that cannot be a bare column name), lower case. A column named
 * after one must be quoted.
 */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc ' +
    'describe distinct do else end except false fetch for foreign from grant group having in initially intersect ' +
    'into lateral leading limit localtime localtimestamp not null offset on only or order pivot pivot_longer ' +
    'pivot_wider placing primary qualify references returning select show some summarize symmetric table then to ' +
    'trailing true union unique unpivot using variadic when where window with ' +
    'anti asof authorization binary collation concurrently cross full generated glob ilike inner is isnull join ' +
    'left like map natural notnull outer overlaps positional right semi similar struct tablesample try_cast verbose'
  ).split(' '),
);

/** Whether a column name must be written in double quotes in DuckDB SQL. */
export function needsQuoting(name: string): boolean {
  return !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || RESERVED.has(name.toLowerCase());
}

/** The name as an SQL identifier: bare when it can be, else in double quotes with `"` doubled. */
export function quoteIdentifier(name: string): string {
  return needsQuoting(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

/** Whether a value names one of the columns; DuckDB compares names without regard to case. */
export function findColumn(columns: readonly ColumnInfo[], name: string): ColumnInfo | undefined {
  return columns.find((column) => column.name === name) ?? columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
}

/** Whether a value refers to a flow parameter (`${name}`), which no input column list can confirm. */
export function isParameterReference(value: string): boolean {
  return /\$\{[^}]*\}/.test(value);
}

/**
 * Columns matching typed text, best first: exact, then prefix, then word prefix (`cust` matches
 * `first_customer`), then substring; case-insensitive. A leading `"` is ignored. Empty text: all.
 */
export function matchColumns(columns: readonly ColumnInfo[], typed: string): ColumnInfo[] {
  const text = typed.replace(/^"/, '').replace(/"$/, '').toLowerCase();
  if (text === '') return [...columns];
  const ranked: [number, number, ColumnInfo][] = [];
  columns.forEach((column, index) => {
    const name = column.name.toLowerCase();
    let rank = -1;
    if (name === text) rank = 0;
    else if (name.startsWith(text)) rank = 1;
    else if (name.split(/[^a-z0-9]+/).some((word) => word.startsWith(text))) rank = 2;
    else if (name.includes(text)) rank = 3;
    if (rank >= 0) ranked.push([rank, index, column]);
  });
  ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return ranked.map(([, , column]) => column);
}

/** A broad family of a DuckDB type, for styling its badge. */
export function typeFamily(type: string): 'number' | 'text' | 'temporal' | 'boolean' | 'nested' | 'other' {
  const t = type.trim().toUpperCase();
  if (/\[\]$|^(STRUCT|MAP|LIST|UNION|ARRAY)\b/.test(t)) return 'nested';
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC|INT\d+|FLOAT\d+)\b/.test(t)) return 'number';
  if (/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|UUID|BLOB|BIT|ENUM)\b/.test(t)) return 'text';
  if (/^(DATE|TIME|TIMESTAMP|TIMESTAMPTZ|INTERVAL)\b/.test(t)) return 'temporal';
  if (/^(BOOLEAN|BOOL)\b/.test(t)) return 'boolean';
  return 'other';
}
