/**
 * Reading the bits of a node type's settings schema a bespoke panel needs at run time: enum
 * values (so the panel follows the server), descriptions (help texts) and a copy of the schema
 * restricted to the properties the panel does not render itself. Pure.
 */
import { classify, defaultOf, normalize, type JsonSchema } from '../../forms/schema';

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The (normalized) schema at a path of property names, `[]` stepping into array items:
 * `['basic', 'operator']`, `['aggregations', '[]', 'function']`.
 */
export function schemaAt(root: unknown, segments: readonly string[]): JsonSchema | undefined {
  if (!isSchema(root)) return undefined;
  let current: JsonSchema = normalize(root, root).schema;
  for (const segment of segments) {
    let next: unknown;
    if (segment === '[]') next = current.items;
    else next = isSchema(current.properties) ? current.properties[segment] : undefined;
    if (!isSchema(next)) return undefined;
    current = normalize(next, root).schema;
  }
  return current;
}

/** The enum values at a path as strings, or `fallback` when the schema has none there. */
export function enumOptions(root: unknown, segments: readonly string[], fallback: readonly string[]): string[] {
  const schema = schemaAt(root, segments);
  if (!schema || !isSchema(root)) return [...fallback];
  const { field } = classify(schema, root);
  if (field.kind === 'enum') {
    const options = field.options.filter((option): option is string => typeof option === 'string');
    if (options.length > 0) return options;
  }
  return [...fallback];
}

/** The default of an enum or boolean at a path (schema `default`, or what its description says). */
export function defaultAt(root: unknown, segments: readonly string[]): unknown {
  const schema = schemaAt(root, segments);
  if (!schema || !isSchema(root)) return undefined;
  return defaultOf(schema, classify(schema, root).field);
}

/** The description (help text) at a path. */
export function descriptionAt(root: unknown, segments: readonly string[]): string | undefined {
  const description = schemaAt(root, segments)?.description;
  return typeof description === 'string' && description.trim() !== '' ? description : undefined;
}

/** The top-level property names of the settings schema, in order. */
export function propertyNames(root: unknown): string[] {
  const schema = schemaAt(root, []);
  return schema && isSchema(schema.properties) ? Object.keys(schema.properties) : [];
}

/**
 * The settings schema with only the properties not in `handled` (`required` filtered alike);
 * undefined when none remain. `$defs`/`definitions` are kept so references still resolve.
 */
export function restrictSchema(root: unknown, handled: Iterable<string>): JsonSchema | undefined {
  if (!isSchema(root)) return undefined;
  const schema = normalize(root, root).schema;
  if (!isSchema(schema.properties)) return undefined;
  const skip = new Set(handled);
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !skip.has(name)));
  if (Object.keys(properties).length === 0) return undefined;
  const required = Array.isArray(schema.required) ? schema.required.filter((name) => !skip.has(name)) : undefined;
  return {
    ...schema,
    title: undefined,
    description: undefined,
    properties,
    ...(required ? { required } : {}),
  };
}
