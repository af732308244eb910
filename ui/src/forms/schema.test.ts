import { describe, expect, it } from 'vitest';
import { classify, defaultOf, groupProblems, matchVariant, newValueFor, ownerOf, variantLabel, type JsonSchema } from './schema';
import { filterSchema, groupBySchema, joinSchema, miscSchema } from './fixtures';

const kindOf = (schema: JsonSchema, name: string) => classify(schema.properties![name], schema).field.kind;

describe('classify', () => {
  it('reads the kinds of a join', () => {
    expect(kindOf(joinSchema, 'how')).toBe('enum');
    expect(kindOf(joinSchema, 'keys')).toBe('rows');
    expect(kindOf(joinSchema, 'left_suffix')).toBe('string');
    const left = classify((joinSchema.properties!.keys.items as JsonSchema).properties!.left, joinSchema).field;
    expect(left).toEqual({ kind: 'string', column: 'left', sql: undefined, path: undefined });
  });

  it('makes arrays of strings with x-flowfile-column a column list', () => {
    expect(classify(groupBySchema.properties!.group_by, groupBySchema).field).toEqual({ kind: 'columns', port: 'main' });
    // The keyword may also sit on the items.
    const onItems: JsonSchema = { type: 'array', items: { type: 'string', 'x-flowfile-column': 'right' } };
    expect(classify(onItems, onItems).field).toEqual({ kind: 'columns', port: 'right' });
  });

  it('reads SQL, paths, nested objects and arrays of scalars', () => {
    expect(classify(filterSchema.properties!.expression, filterSchema).field).toMatchObject({ kind: 'string', sql: true });
    expect(kindOf(filterSchema, 'basic')).toBe('object');
    expect(classify(filterSchema.properties!.basic.properties!.values, filterSchema).field.kind).toBe('rows');
    expect(classify(miscSchema.properties!.path, miscSchema).field).toMatchObject({ kind: 'string', path: 'read' });
  });

  it('unwraps nullable types and anyOf with null', () => {
    const skip = classify(miscSchema.properties!.skip_rows, miscSchema);
    expect(skip.field).toEqual({ kind: 'number', integer: true });
    expect(skip.nullable).toBe(true);
    const ratio = classify(miscSchema.properties!.ratio, miscSchema);
    expect(ratio.field).toEqual({ kind: 'number', integer: false });
    expect(ratio.nullable).toBe(true);
    const described: JsonSchema = { description: 'outer', anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] };
    const c = classify(described, described);
    expect(c.field).toEqual({ kind: 'enum', options: ['a', 'b'] });
    expect(c.schema.description).toBe('outer');
  });

  it('falls back to JSON for maps, nested arrays and nonsense', () => {
    expect(kindOf(miscSchema, 'output_schemas')).toBe('json');
    expect(kindOf(miscSchema, 'rows')).toBe('json');
    expect(classify({}, {}).field.kind).toBe('json');
    expect(classify(undefined, {}).field.kind).toBe('json');
    expect(classify({ type: ['string', 'number'] }, {}).field.kind).toBe('json');
    expect(classify({ type: 'array', prefixItems: [{ type: 'string' }] }, {}).field.kind).toBe('json');
  });

  it('reads object variants', () => {
    const field = classify(miscSchema.properties!.source, miscSchema).field;
    expect(field.kind).toBe('variants');
    if (field.kind !== 'variants') return;
    expect(field.variants.map((v, i) => variantLabel(v, i, miscSchema))).toEqual(['File', 'Table']);
    expect(matchVariant(field.variants, { kind: 'table', table: 't' }, miscSchema)).toBe(1);
    expect(matchVariant(field.variants, { path: 'x' }, miscSchema)).toBe(0);
    expect(matchVariant(field.variants, undefined, miscSchema)).toBe(0);
  });

  it('resolves local references without looping', () => {
    const schema: JsonSchema = {
      type: 'object',
      $defs: { Pair: { type: 'object', properties: { left: { type: 'string' } } }, Loop: { $ref: '#/$defs/Loop' } },
      properties: { pair: { $ref: '#/$defs/Pair' }, loop: { $ref: '#/$defs/Loop' }, missing: { $ref: '#/$defs/Nope' } },
    };
    expect(kindOf(schema, 'pair')).toBe('object');
    expect(kindOf(schema, 'loop')).toBe('json');
    expect(kindOf(schema, 'missing')).toBe('json');
  });
});

describe('defaultOf', () => {
  it('prefers the schema default', () => {
    const schema: JsonSchema = { type: 'boolean', default: true };
    expect(defaultOf(schema, { kind: 'boolean' })).toBe(true);
  });

  it('reads defaults from descriptions', () => {
    const how = joinSchema.properties!.how;
    expect(defaultOf(how, classify(how, joinSchema).field)).toBe('inner');
    const mode = filterSchema.properties!.mode;
    expect(defaultOf(mode, classify(mode, filterSchema).field)).toBe('basic');
    const header = miscSchema.properties!.header;
    expect(defaultOf(header, { kind: 'boolean' })).toBe(true);
    expect(defaultOf({ type: 'boolean', description: 'Let a run start the kernel (default false).' }, { kind: 'boolean' })).toBe(false);
    const encoding: JsonSchema = { type: 'string', enum: ['utf8', 'utf16', 'latin1'], description: 'The encoding: utf8 (default), utf16 or latin1.' };
    expect(defaultOf(encoding, { kind: 'enum', options: encoding.enum! })).toBe('utf8');
    expect(defaultOf({ type: 'boolean', description: 'No default given.' }, { kind: 'boolean' })).toBeUndefined();
  });
});

describe('newValueFor', () => {
  it('builds fresh rows', () => {
    expect(newValueFor(joinSchema.properties!.keys.items as JsonSchema, joinSchema)).toEqual({});
    expect(newValueFor({ type: 'object', properties: { n: { type: 'integer', default: 3 } } }, {})).toEqual({ n: 3 });
    expect(newValueFor({ type: 'string' }, {})).toBe('');
    expect(newValueFor({ type: 'integer' }, {})).toBe(0);
    expect(newValueFor({ type: 'string', enum: ['a', 'b'] }, {})).toBe('a');
    const source = miscSchema.properties!.source;
    expect(newValueFor(source, miscSchema)).toEqual({ kind: 'file' });
  });
});

describe('ownerOf / groupProblems', () => {
  const value = { how: 'inner', keys: [{ left: 'a', right: 'b' }] };

  it('gives a problem to the deepest field its path reaches', () => {
    expect(ownerOf('keys[0].left', joinSchema, value)).toBe('keys[0].left');
    expect(ownerOf('keys', joinSchema, value)).toBe('keys');
    expect(ownerOf('keys[0]', joinSchema, value)).toBe('keys[0]');
    expect(ownerOf('how', joinSchema, value)).toBe('how');
  });

  it('gives problems naming no field to the nearest container', () => {
    expect(ownerOf('keys[3].left', joinSchema, value)).toBe('keys');
    expect(ownerOf('keys[0].nope', joinSchema, value)).toBe('keys[0]');
    expect(ownerOf('unknown', joinSchema, value)).toBe('');
    expect(ownerOf('', joinSchema, value)).toBe('');
  });

  it('lets leaf fields own what is inside them', () => {
    expect(ownerOf('group_by[1]', groupBySchema, { group_by: ['a', ''] })).toBe('group_by');
    expect(ownerOf('rows[2][1]', miscSchema, { rows: [[1], [2], [3]] })).toBe('rows');
    expect(ownerOf('basic.values[0]', filterSchema, { basic: { values: ['x'] } })).toBe('basic.values[0]');
  });

  it('descends into the chosen variant', () => {
    expect(ownerOf('source.table', miscSchema, { source: { kind: 'table' } })).toBe('source.table');
    expect(ownerOf('source.table', miscSchema, { source: { kind: 'file' } })).toBe('source');
  });

  it('groups problems by owner', () => {
    const groups = groupProblems(
      [
        { path: 'keys[0].left', message: 'a' },
        { path: 'keys', message: 'b' },
        { path: 'nope', message: 'c' },
        { path: 'keys[0].left', message: 'd' },
      ],
      joinSchema,
      value,
    );
    expect(groups.get('keys[0].left')?.map((p) => p.message)).toEqual(['a', 'd']);
    expect(groups.get('keys')?.map((p) => p.message)).toEqual(['b']);
    expect(groups.get('')?.map((p) => p.message)).toEqual(['c']);
  });
});
