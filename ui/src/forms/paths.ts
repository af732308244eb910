/**
 * Pure helpers for settings paths such as `keys[0].left` or `rows[3][1]`: parsing, formatting,
 * immutable get/set, labels, and matching of server problems to fields.
 *
 * Path syntax: property names joined by `.`, array indices in brackets. A name that is not a plain
 * identifier is written as `["some name"]`. For robustness, `keys.0.left` parses too (a numeric dot
 * segment is an index), so problems reported either way land on the same field.
 */

export type PathSegment = string | number;

export interface FieldProblem {
  /** Relative to the settings object, e.g. `keys[0].left` or `column`; empty for the whole settings. */
  path: string;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Splits `a.b[2].c` into `['a', 'b', 2, 'c']`. Never throws: malformed text yields its best reading. */
export function parsePath(path: string | readonly PathSegment[]): PathSegment[] {
  if (Array.isArray(path)) return [...path];
  const text = (path as string).trim();
  const segments: PathSegment[] = [];
  let i = 0;
  let name = '';
  const flush = () => {
    if (name !== '') {
      segments.push(/^\d+$/.test(name) ? Number(name) : name);
      name = '';
    }
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const close = findClose(text, i);
      const inner = text.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) {
        segments.push(Number(inner));
      } else if (/^(["']).*\1$/.test(inner)) {
        const quote = inner[0];
        const body = inner.slice(1, -1);
        segments.push(quote === '"' ? safeJsonString(body) : body.replace(/\\(.)/g, '$1'));
      } else if (inner !== '') {
        segments.push(inner);
      }
      i = close + 1;
    } else {
      name += ch;
      i++;
    }
  }
  flush();
  return segments;
}

function findClose(text: string, open: number): number {
  let quote: string | null = null;
  for (let j = open + 1; j < text.length; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === '\\') j++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ']') {
      return j;
    }
  }
  return text.length;
}

function safeJsonString(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

/** The canonical text of a path: `keys[0].left`. */
export function formatPath(path: string | readonly PathSegment[]): string {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment) && !/^\d+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Appends segments to a path, returning canonical text. */
export function joinPath(base: string | readonly PathSegment[], ...more: PathSegment[]): string {
  return formatPath([...parsePath(base), ...more]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path, or undefined when any step is missing. */
export function getIn(value: unknown, path: string | readonly PathSegment[]): unknown {
  let current: unknown = value;
  for (const segment of parsePath(path)) {
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : NaN;
      if (!Number.isInteger(index)) return undefined;
      current = current[index];
    } else if (isRecord(current)) {
      current = Object.prototype.hasOwnProperty.call(current, String(segment)) ? current[String(segment)] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * A copy of `value` with the value at `path` replaced; unchanged branches are shared. Missing
 * containers are created (an array when the next segment is an index, else an object). Setting
 * `undefined` on an object property removes the key (an optional setting left empty); inside an
 * array it stores `null` so that indices do not shift. Returns `next` itself for the empty path.
 */
export function setIn<T = unknown>(value: T, path: string | readonly PathSegment[], next: unknown): T {
  const segments = parsePath(path);
  return setAt(value, segments, 0, next) as T;
}

function setAt(current: unknown, segments: PathSegment[], at: number, next: unknown): unknown {
  if (at === segments.length) return next;
  const segment = segments[at];
  const wantsArray = typeof segment === 'number';
  if (Array.isArray(current) || (wantsArray && !isRecord(current))) {
    const index = typeof segment === 'number' ? segment : Number(segment);
    if (!Number.isInteger(index) || index < 0) return current;
    const before = Array.isArray(current) ? current[index] : undefined;
    const child = setAt(before, segments, at + 1, next);
    const length = Array.isArray(current) ? current.length : 0;
    if (child === undefined && index >= length) return current;
    if (child === before && index < length) return current;
    const array = Array.isArray(current) ? [...current] : [];
    while (array.length < index) array.push(null);
    array[index] = child === undefined ? null : child;
    return array;
  }
  const key = String(segment);
  const has = isRecord(current) && Object.prototype.hasOwnProperty.call(current, key);
  const before = has ? (current as Record<string, unknown>)[key] : undefined;
  const child = setAt(before, segments, at + 1, next);
  if (child === undefined) {
    if (!has) return current;
    const copy = { ...(current as Record<string, unknown>) };
    delete copy[key];
    return copy;
  }
  if (has && child === before) return current;
  return { ...(isRecord(current) ? current : {}), [key]: child };
}

/** A copy of the array with the item at `from` moved to `to` (clamped). */
export function moveItem<T>(array: readonly T[], from: number, to: number): T[] {
  const copy = [...array];
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item);
  return copy;
}

/** A copy of the array without the item at `index`. */
export function removeItem<T>(array: readonly T[], index: number): T[] {
  return array.filter((_, i) => i !== index);
}

/**
 * A label from a property name: `group_by` → `Group by`, `leftSuffix` → `Left suffix`,
 * `skip-rows` → `Skip rows`. Words are split at `_`, `-`, spaces and lower→upper case changes;
 * all words are lower case except acronyms written in capitals (`sourceURL` → `Source URL`).
 */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return name;
  const text = words.map((word) => (word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word) ? word : word.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The accessible label of a field: `Column`, or inside rows `Column (row 1)`, `Left (row 2.1)`. */
export function fieldLabel(label: string, rows: readonly number[]): string {
  return rows.length === 0 ? label : `${label} (row ${rows.map((row) => row + 1).join('.')})`;
}

/** Whether `inner` is `outer` itself or a path below it (`keys[0].left` is inside `keys` and `keys[0]`). */
export function isPathWithin(inner: string, outer: string): boolean {
  const a = parsePath(inner);
  const b = parsePath(outer);
  if (b.length > a.length) return false;
  return b.every((segment, i) => String(segment) === String(a[i]));
}

/** The problems whose path equals `path` or lies inside it; every problem for the empty path. */
export function problemsFor(path: string, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.filter((problem) => isPathWithin(problem.path, path));
}

/** A value usable as an element id from a path: `keys[0].left` → `keys-0-left`. */
export function pathToId(path: string): string {
  const id = formatPath(path).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'root' : id;
}
