/** Pure helpers for reordering rows by drag and drop or buttons. */

/**
 * The index an item dragged from `from` ends up at when dropped on row `over`, before it or after
 * it (`after`), once removed from its old place. Returns `from` when nothing moves.
 */
export function dropIndex(from: number, over: number, after: boolean, length: number): number {
  if (from < 0 || from >= length || over < 0 || over >= length) return from;
  let insertion = over + (after ? 1 : 0);
  if (from < insertion) insertion -= 1;
  return Math.max(0, Math.min(length - 1, insertion));
}

/** Whether the pointer is in the lower half of a row box (drop after it). */
export function isAfter(clientY: number, top: number, height: number): boolean {
  return clientY > top + height / 2;
}

/** A copy of the array with the item at `from` moved to `to` (clamped); the array itself when nothing moves. */
export function move<T>(array: readonly T[], from: number, to: number): T[] {
  const copy = [...array];
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  if (target === from) return copy;
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item);
  return copy;
}

/** The array as a list (non-arrays read as empty). */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A record read from an unknown value (non-records read as empty). */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A string read from an unknown value: strings as they are, other scalars as text, else ''. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A copy of the record with `key` set to `value`, or without `key` when `value` is undefined. */
export function withProp(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
