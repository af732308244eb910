/** DuckDB type names offered for casts, and a few formatting helpers. */

/** The types offered in cast pickers; any other DuckDB type name can be typed. */
export const CAST_TYPES = ['VARCHAR', 'BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(18,2)', 'BOOLEAN', 'DATE', 'TIMESTAMP'] as const;

/** A cell of a preview as text: null → null (shown muted), objects as JSON. */
export function cellText(value: unknown, max = 200): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
