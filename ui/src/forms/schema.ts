/**
 * Reading settings JSON Schemas (draft 2020-12, as victools generates them from the settings
 * records) into the kinds of field the form renders. Pure; never throws on odd schemas: whatever is
 * not understood becomes the `json` kind (a JSON text area).
 */
import { formatPath, parsePath, type PathSegment } from './paths';

export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | boolean;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  /** A string: one column of the named input port. On an array of strings: several columns. */
  'x-flowfile-column'?: string;
  /** A string holding an SQL expression over the input's columns. */
  'x-flowfile-sql'?: boolean;
  /** A string holding a file path the node reads or writes. */
  'x-flowfile-path'?: 'read' | 'write' | string;
  [keyword: string]: unknown;
}

export type FieldKind =
  | { kind: 'object'; properties: [string, JsonSchema][]; required: Set<string> }
  | { kind: 'enum'; options: unknown[] }
  | { kind: 'const'; value: unknown }
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'string'; column?: string; sql?: boolean; path?: string }
  | { kind: 'columns'; port: string }
  | { kind: 'rows'; items: JsonSchema }
  | { kind: 'variants'; variants: JsonSchema[] }
  | { kind: 'json' };

export interface Classified {
  /** The schema with references resolved and `null` alternatives removed. */
  schema: JsonSchema;
  field: FieldKind;
  /** Whether null is allowed (a `null` type or alternative). */
  nullable: boolean;
}

const COMPOSITE = ['anyOf', 'oneOf'] as const;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullSchema(schema: JsonSchema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null') || (schema.const === null && Object.keys(schema).length <= 2);
}

/** Resolves a local `$ref` (`#/$defs/X`, `#/definitions/X`, `#`) against the root schema. */
function resolveRef(schema: JsonSchema, root: JsonSchema, seen: Set<string>): JsonSchema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#')) return { ...current, $ref: undefined };
    seen.add(ref);
    let target: unknown = root;
    for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
      const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isSchema(target) ? (target as Record<string, unknown>)[key] : undefined;
    }
    if (!isSchema(target)) return { ...current, $ref: undefined };
    const { $ref: _ignored, ...rest } = current;
    void _ignored;
    current = { ...target, ...rest };
  }
  return current;
}

/** Merges `allOf` parts into one schema (properties and required united). */
function mergeAllOf(schema: JsonSchema, root: JsonSchema, seen: Set<string>): JsonSchema {
  if (!Array.isArray(schema.allOf) || schema.allOf.length === 0) return schema;
  const { allOf, ...rest } = schema;
  let merged: JsonSchema = rest;
  for (const part of allOf) {
    if (!isSchema(part)) continue;
    const resolved = normalize(part, root, seen).schema;
    merged = {
      ...resolved,
      ...merged,
      properties: resolved.properties || merged.properties ? { ...resolved.properties, ...merged.properties } : undefined,
      required: resolved.required || merged.required ? [...(merged.required ?? []), ...(resolved.required ?? [])] : undefined,
    };
  }
  return merged;
}

/** The schema with references and `allOf` resolved and null alternatives removed. */
export function normalize(input: JsonSchema | boolean | undefined, root: JsonSchema, seen: Set<string> = new Set()): { schema: JsonSchema; nullable: boolean } {
  if (!isSchema(input)) return { schema: {}, nullable: input !== false };
  let schema = mergeAllOf(resolveRef(input, root, seen), root, seen);
  let nullable = false;
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    nullable = types.length !== schema.type.length;
    schema = { ...schema, type: types.length === 1 ? types[0] : types };
  }
  if (schema.type === 'null') return { schema, nullable: true };
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) {
    nullable = true;
    schema = { ...schema, enum: schema.enum.filter((v) => v !== null) };
  }
  for (const keyword of COMPOSITE) {
    const alternatives = schema[keyword];
    if (!Array.isArray(alternatives)) continue;
    const kept = alternatives.filter((alt) => isSchema(alt) && !isNullSchema(resolveRef(alt, root, new Set(seen))));
    if (kept.length !== alternatives.length) nullable = true;
    const { [keyword]: _removed, ...outer } = schema;
    void _removed;
    if (kept.length === 1) {
      const inner = normalize(kept[0], root, seen);
      // Keywords of the outer schema (description, x-flowfile-*) win over the alternative's.
      schema = { ...inner.schema, ...outer };
      nullable = nullable || inner.nullable;
    } else {
      schema = { ...outer, [keyword]: kept };
    }
  }
  return { schema, nullable };
}

function typeOf(schema: JsonSchema): string | string[] | undefined {
  if (schema.type !== undefined) return schema.type;
  if (schema.properties) return 'object';
  if (schema.items !== undefined || schema.prefixItems) return 'array';
  return undefined;
}

/** What the form renders for a schema. */
export function classify(input: JsonSchema | boolean | undefined, root: JsonSchema): Classified {
  const { schema, nullable } = normalize(input, root);
  return { schema, nullable, field: kindOf(schema, root) };
}

function kindOf(schema: JsonSchema, root: JsonSchema): FieldKind {
  const variants = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const resolved = variants.map((v) => normalize(v, root).schema);
    if (resolved.every((v) => typeOf(v) === 'object')) return { kind: 'variants', variants: resolved };
    if (resolved.every((v) => v.const !== undefined)) return { kind: 'enum', options: resolved.map((v) => v.const) };
    return { kind: 'json' };
  }
  if (Array.isArray(schema.enum)) return schema.enum.length === 1 ? { kind: 'const', value: schema.enum[0] } : { kind: 'enum', options: schema.enum };
  if (schema.const !== undefined) return { kind: 'const', value: schema.const };
  const type = typeOf(schema);
  switch (type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: 'number', integer: true };
    case 'number':
      return { kind: 'number', integer: false };
    case 'string': {
      const column = schema['x-flowfile-column'];
      return {
        kind: 'string',
        column: typeof column === 'string' && column !== '' ? column : undefined,
        sql: schema['x-flowfile-sql'] === true || undefined,
        path: typeof schema['x-flowfile-path'] === 'string' ? schema['x-flowfile-path'] : undefined,
      };
    }
    case 'object': {
      const properties = schema.properties;
      if (!isSchema(properties)) {
        // A map (additionalProperties with a schema) or a free object: edited as JSON.
        return schema.additionalProperties === false ? { kind: 'object', properties: [], required: new Set() } : { kind: 'json' };
      }
      if (isSchema(schema.additionalProperties) && Object.keys(properties).length === 0) return { kind: 'json' };
      return {
        kind: 'object',
        properties: Object.entries(properties).filter(([, s]) => isSchema(s) || s === true) as [string, JsonSchema][],
        required: new Set(Array.isArray(schema.required) ? schema.required : []),
      };
    }
    case 'array': {
      if (schema.prefixItems) return { kind: 'json' };
      const port = schema['x-flowfile-column'];
      const items = normalize(schema.items, root);
      const itemKind = kindOf(items.schema, root);
      const itemPort = itemKind.kind === 'string' ? itemKind.column : undefined;
      if (itemKind.kind === 'string' && (typeof port === 'string' || itemPort)) {
        return { kind: 'columns', port: typeof port === 'string' && port !== '' ? port : (itemPort ?? 'main') };
      }
      if (itemKind.kind === 'object' || itemKind.kind === 'variants' || itemKind.kind === 'string' || itemKind.kind === 'number' || itemKind.kind === 'boolean' || itemKind.kind === 'enum') {
        return { kind: 'rows', items: items.schema };
      }
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/**
 * The value a setting has when it is absent: `default` when the schema gives one; otherwise, for
 * booleans and enums, what the description says (`"... (default true)"`, `"inner (default), left"`,
 * `"default suffix"`), since the records document their defaults in prose.
 */
export function defaultOf(schema: JsonSchema, field: FieldKind): unknown {
  if (schema.default !== undefined) return schema.default;
  const text = typeof schema.description === 'string' ? schema.description : '';
  if (text === '') return undefined;
  if (field.kind === 'boolean') {
    const match = /\bdefaults?(?:\s+(?:is|to))?\s*:?\s*(true|false)\b/i.exec(text) ?? /\b(true|false)\s*\(default\)/i.exec(text);
    return match ? match[1].toLowerCase() === 'true' : undefined;
  }
  if (field.kind === 'enum') {
    for (const option of field.options) {
      if (typeof option !== 'string' || option === '') continue;
      const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = new RegExp(`(^|[^\\w])${escaped}\\s*\\(default\\)|\\bdefault(?:s)?(?:\\s+(?:is|to))?\\s*:?\\s*${escaped}(?![\\w])`, 'i');
      if (pattern.test(text)) return option;
    }
  }
  return undefined;
}

/** The value of a freshly added row or variant. */
export function newValueFor(input: JsonSchema | boolean | undefined, root: JsonSchema): unknown {
  const { schema, field } = classify(input, root);
  if (schema.default !== undefined) return structuredCloneSafe(schema.default);
  switch (field.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, child] of field.properties) {
        const c = classify(child, root);
        if (c.schema.default !== undefined) out[name] = structuredCloneSafe(c.schema.default);
        else if (c.field.kind === 'const') out[name] = c.field.value;
      }
      return out;
    }
    case 'variants':
      return newValueFor(field.variants[0], root);
    case 'const':
      return field.value;
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'enum':
      return field.options[0];
    case 'rows':
    case 'columns':
      return [];
    case 'string':
      return '';
    default:
      return null;
  }
}

function structuredCloneSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return value;
  }
}

/** The constant properties of an object variant (its discriminators): `{kind: 'csv'}`. */
export function variantConstants(variant: JsonSchema, root: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(variant.properties ?? {})) {
    const kind = classify(child, root).field;
    if (kind.kind === 'const') out[name] = kind.value;
  }
  return out;
}

/** A label for an object variant: its title, its constants, or `Option n`. */
export function variantLabel(variant: JsonSchema, index: number, root: JsonSchema): string {
  if (typeof variant.title === 'string' && variant.title !== '') return variant.title;
  const constants = Object.values(variantConstants(variant, root)).filter((v) => typeof v === 'string' || typeof v === 'number');
  if (constants.length > 0) return constants.join(' / ');
  const required = Array.isArray(variant.required) ? variant.required : [];
  if (required.length > 0) return required.join(', ');
  return `Option ${index + 1}`;
}

/** The index of the variant a value matches best (constants must match; shared keys count). */
export function matchVariant(variants: JsonSchema[], value: unknown, root: JsonSchema): number {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 0;
  const record = value as Record<string, unknown>;
  let best = 0;
  let bestScore = -Infinity;
  variants.forEach((variant, index) => {
    const constants = variantConstants(variant, root);
    let score = 0;
    for (const [name, constant] of Object.entries(constants)) {
      if (name in record) score += record[name] === constant ? 100 : -1000;
    }
    const properties = variant.properties ?? {};
    for (const key of Object.keys(record)) score += key in properties ? 1 : -2;
    for (const key of variant.required ?? []) if (!(key in record)) score -= 3;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/**
 * The path of the field that shows a problem: the deepest field of the form the problem's path
 * reaches. Objects, rows and variants are descended into; anything else (a scalar, a column list, a
 * JSON area) owns every problem inside it. A path naming no field (an unknown property, a row that
 * does not exist) belongs to the deepest container reached, `''` being the whole form.
 */
export function ownerOf(problemPath: string, schema: JsonSchema, value: unknown, root: JsonSchema = schema): string {
  const segments = parsePath(problemPath);
  const consumed: PathSegment[] = [];
  let current: JsonSchema | boolean | undefined = schema;
  let currentValue: unknown = value;
  for (const segment of segments) {
    const { schema: s, field } = classify(current, root);
    let next: JsonSchema | undefined;
    let key: PathSegment = segment;
    if (field.kind === 'object' && typeof segment === 'string') {
      next = field.properties.find(([name]) => name === segment)?.[1];
    } else if (field.kind === 'variants' && typeof segment === 'string') {
      const variant = field.variants[matchVariant(field.variants, currentValue, root)];
      const property = variant?.properties?.[segment];
      next = isSchema(property) ? property : undefined;
    } else if (field.kind === 'rows') {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (Array.isArray(currentValue) && index >= 0 && index < currentValue.length && isSchema(s.items)) {
        next = s.items;
        key = index;
      }
    }
    if (next === undefined) break;
    consumed.push(key);
    current = next;
    currentValue = typeof currentValue === 'object' && currentValue !== null ? (currentValue as Record<string | number, unknown>)[key] : undefined;
  }
  return formatPath(consumed);
}

/** Problems grouped by the field that shows them (see {@link ownerOf}). */
export function groupProblems<P extends { path: string }>(problems: readonly P[], schema: JsonSchema, value: unknown): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const problem of problems) {
    const owner = ownerOf(problem.path ?? '', schema, value);
    const list = groups.get(owner);
    if (list) list.push(problem);
    else groups.set(owner, [problem]);
  }
  return groups;
}
