import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SchemaForm, type FormContext, type JsonSchema } from './SchemaForm';
import { filterSchema, groupBySchema, joinSchema, miscSchema } from './fixtures';

const columns: Record<string, { name: string; type: string }[]> = {
  main: [
    { name: 'region', type: 'VARCHAR' },
    { name: 'amount', type: 'DECIMAL(18,2)' },
  ],
  left: [{ name: 'id', type: 'BIGINT' }],
  right: [{ name: 'key', type: 'BIGINT' }],
};

function render(schema: JsonSchema, value: Record<string, unknown>, problems: FormContext['problems'] = []): string {
  return renderToStaticMarkup(
    createElement(SchemaForm, {
      schema,
      value,
      onChange: () => {},
      context: { columns: (port) => columns[port] ?? [], problems, idPrefix: 't' },
    }),
  );
}

/** The opening tag of the element with the given data-field. */
function tagOf(html: string, field: string): string {
  const at = html.indexOf(`data-field="${field}"`);
  expect(at, `no element with data-field="${field}"`).toBeGreaterThanOrEqual(0);
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

describe('SchemaForm (static render)', () => {
  it('labels top-level fields with <label for> and marks paths', () => {
    const html = render(joinSchema, { how: 'left', left_suffix: '_l' });
    expect(html).toContain('<label class="ff-label" for="t-how">');
    expect(tagOf(html, 'how')).toContain('id="t-how"');
    expect(tagOf(html, 'how')).toMatch(/^<select/);
    expect(tagOf(html, 'left_suffix')).toContain('value="_l"');
    expect(html).toContain('>Left suffix<');
    expect(html).toContain('Default (inner)');
    expect(html).toContain('Column of the left input.');
  });

  it('renders rows with row-numbered labels and column pickers', () => {
    const html = render(joinSchema, { keys: [{ left: 'id', right: 'nope' }, { left: 'id' }] });
    const left = tagOf(html, 'keys[0].left');
    expect(left).toContain('role="combobox"');
    expect(left).toContain('aria-label="Left (row 1)"');
    expect(tagOf(html, 'keys[1].right')).toContain('aria-label="Right (row 2)"');
    expect(tagOf(html, 'keys')).toContain('role="group"');
    expect(html).toContain('aria-label="Remove row 2"');
    expect(html).toContain('aria-label="Move row 1 down"');
    expect(html).toContain('Add row');
    // A value that names no column of the port is accepted but flagged.
    expect(html).toContain('Not a column of input');
    expect(html).toContain('BIGINT');
  });

  it('shows problems under the field, with aria-invalid', () => {
    const html = render(joinSchema, { keys: [{ left: '' }] }, [
      { path: 'keys[0].left', message: 'must not be blank' },
      { path: 'keys', message: 'needs one more' },
      { path: 'bogus', message: 'unknown property' },
    ]);
    const left = tagOf(html, 'keys[0].left');
    expect(left).toContain('aria-invalid="true"');
    expect(left).toContain('aria-describedby="t-keys-0-left-error');
    expect(html).toContain('id="t-keys-0-left-error"');
    expect(html).toContain('must not be blank');
    expect(tagOf(html, 'keys')).toContain('aria-invalid="true"');
    expect(html).toContain('needs one more');
    expect(html).toContain('unknown property');
    expect(tagOf(html, 'how')).not.toContain('aria-invalid');
  });

  it('renders multi-column pickers, nested objects, SQL, booleans, numbers and JSON fallbacks', () => {
    const group = render(groupBySchema, { group_by: ['region', 'ghost'], aggregations: [{ column: 'amount', function: 'sum' }] }, [
      { path: 'group_by[1]', message: 'unknown column' },
    ]);
    expect(tagOf(group, 'group_by')).toContain('role="combobox"');
    expect(group).toContain('aria-label="Remove region"');
    expect(group).toContain('Item 2: </span>');
    expect(tagOf(group, 'aggregations[0].function')).toContain('aria-label="Function (row 1)"');

    const filter = render(filterSchema, { mode: 'advanced', basic: { column: 'region' }, expression: 'amount > 1' });
    expect(tagOf(filter, 'basic')).toMatch(/^<fieldset/);
    expect(tagOf(filter, 'basic.column')).toContain('value="region"');
    expect(filter).toContain('ff-sql');

    const misc = render(miscSchema, { path: 'data/x.csv', skip_rows: 2, rows: [[1, 'a']], source: { kind: 'table', table: 't' } });
    expect(tagOf(misc, 'path')).toContain('is-mono');
    expect(tagOf(misc, 'path')).toContain('aria-required="true"');
    expect(tagOf(misc, 'header')).toContain('type="checkbox"');
    expect(tagOf(misc, 'header')).toContain('checked');
    expect(tagOf(misc, 'skip_rows')).toContain('value="2"');
    expect(tagOf(misc, 'rows')).toMatch(/^<textarea/);
    expect(tagOf(misc, 'source.table')).toContain('value="t"');
    expect(misc).toContain('>Table</option>');
  });

  it('never throws on odd schemas and values', () => {
    expect(() => render({ type: 'object' }, {})).not.toThrow();
    expect(render({ type: 'object', properties: {} }, {})).toContain('no settings');
    expect(() => render({ type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } } } } } }, { a: 'not an array' })).not.toThrow();
    expect(() => render({ type: 'object', properties: { a: { type: 'string', enum: ['x'] }, b: { type: 'string', enum: ['x', 'y'] } } }, { a: 'x', b: 'Z' })).not.toThrow();
    expect(render({ type: 'object', properties: { b: { type: 'string', enum: ['x', 'y'] } } }, { b: 'Z' })).toContain('Z (unknown)');
    expect(() => render(joinSchema, { keys: [null, 3, 'x'] } as Record<string, unknown>)).not.toThrow();
  });
});
