/** The basic filter's operators: what each needs, its label, and what changing it does. Pure. */

/** The operators as FilterSettings.Operator writes them (used when the schema has no enum). */
export const OPERATORS = [
  'equals',
  'not_equals',
  'greater_than',
  'greater_or_equal',
  'less_than',
  'less_or_equal',
  'contains',
  'starts_with',
  'ends_with',
  'is_null',
  'is_not_null',
  'in',
  'between',
] as const;

export type Arity = 'none' | 'one' | 'two' | 'list';

/** What values an operator takes: none (is_null), one, two (between), a list (in). */
export function arityOf(operator: string | undefined): Arity {
  switch (operator) {
    case 'is_null':
    case 'is_not_null':
      return 'none';
    case 'between':
      return 'two';
    case 'in':
      return 'list';
    default:
      return 'one';
  }
}

const LABELS: Record<string, string> = {
  equals: '= equals',
  not_equals: '≠ does not equal',
  greater_than: '> greater than',
  greater_or_equal: '≥ greater or equal',
  less_than: '< less than',
  less_or_equal: '≤ less or equal',
  contains: 'contains',
  starts_with: 'starts with',
  ends_with: 'ends with',
  is_null: 'is null',
  is_not_null: 'is not null',
  in: 'is one of',
  between: 'is between',
};

export function operatorLabel(operator: string): string {
  return LABELS[operator] ?? operator.replace(/_/g, ' ');
}

/**
 * The basic condition with a new operator: `value` kept for operators that take one (or two),
 * `value2` only for between, `values` only for in, so the settings hold nothing unused.
 */
export function withOperator(basic: Record<string, unknown>, operator: string): Record<string, unknown> {
  const next: Record<string, unknown> = { ...basic, operator };
  const arity = arityOf(operator);
  if (arity === 'none' || arity === 'list') delete next.value;
  if (arity !== 'two') delete next.value2;
  if (arity !== 'list') delete next.values;
  if (arity === 'list' && !Array.isArray(next.values)) {
    // Moving to `in` from a single value: that value becomes the first of the list.
    next.values = typeof basic.value === 'string' && basic.value !== '' ? [basic.value] : [];
  }
  return next;
}

/** A placeholder for a value compared with a column of the given DuckDB type. */
export function valuePlaceholder(type: string | undefined): string {
  const t = (type ?? '').toUpperCase();
  if (/^(DATE)\b/.test(t)) return 'e.g. 2024-01-31';
  if (/^(TIMESTAMP)/.test(t)) return 'e.g. 2024-01-31 12:00:00';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)/.test(t)) return 'a number';
  if (/^BOOL/.test(t)) return 'true or false';
  return 'text';
}
