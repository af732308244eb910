/** Suggestions for new join keys. Pure. */
import type { ColumnInfo } from '../../forms/sql';

/**
 * A new key pair: the first left column not yet used as a left key that the right input also has
 * (same name, ignoring case); else empty (to be chosen), rather than a pair that merely guesses.
 */
export function suggestKeyPair(left: readonly ColumnInfo[], right: readonly ColumnInfo[], keys: readonly { left?: unknown; right?: unknown }[]): { left: string; right: string } {
  const usedLeft = new Set(keys.map((key) => (typeof key.left === 'string' ? key.left.toLowerCase() : '')));
  const usedRight = new Set(keys.map((key) => (typeof key.right === 'string' ? key.right.toLowerCase() : '')));
  const rightByName = new Map(right.map((column) => [column.name.toLowerCase(), column]));
  for (const column of left) {
    const name = column.name.toLowerCase();
    const partner = rightByName.get(name);
    if (!usedLeft.has(name) && partner && !usedRight.has(name)) return { left: column.name, right: partner.name };
  }
  return { left: '', right: '' };
}
