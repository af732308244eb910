/** Pure helpers for the group-by aggregations. */
import type { ColumnInfo } from '../../forms/sql';

/** The output name the server gives an aggregation without an alias. */
export function defaultAlias(column: string, fn: string): string {
  return `${column}_${fn.toLowerCase()}`;
}

/**
 * An aggregation with a changed column or function: an alias equal to the old default name is
 * dropped (so the name follows the new column/function), separator kept only for concat.
 */
export function changeAggregation(aggregation: Record<string, unknown>, patch: { column?: string; function?: string }): Record<string, unknown> {
  const column = typeof aggregation.column === 'string' ? aggregation.column : '';
  const fn = typeof aggregation.function === 'string' ? aggregation.function : '';
  const next: Record<string, unknown> = { ...aggregation, ...patch };
  if (typeof aggregation.alias === 'string' && aggregation.alias.toLowerCase() === defaultAlias(column, fn).toLowerCase()) delete next.alias;
  if (typeof next.function === 'string' && next.function.toLowerCase() !== 'concat') delete next.separator;
  return next;
}

/** A new aggregation: the first input column neither grouped by nor aggregated yet, summed if numeric, else counted. */
export function suggestAggregation(columns: readonly ColumnInfo[], groupBy: readonly string[], aggregations: readonly Record<string, unknown>[], functions: readonly string[]): Record<string, unknown> {
  const used = new Set([...groupBy.map((name) => name.toLowerCase()), ...aggregations.map((a) => (typeof a.column === 'string' ? a.column.toLowerCase() : ''))]);
  const column = columns.find((c) => !used.has(c.name.toLowerCase())) ?? columns[0];
  const numeric = column !== undefined && /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)/i.test(column.type);
  const wanted = numeric ? 'sum' : 'count';
  const fn = functions.includes(wanted) ? wanted : (functions[0] ?? wanted);
  return { column: column?.name ?? '', function: fn };
}
