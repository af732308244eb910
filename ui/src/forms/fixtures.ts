/**
 * Settings schemas shaped like the server's (victools, draft 2020-12), for tests and for trying
 * the form by hand.
 */
import type { JsonSchema } from './schema';

export const joinSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Join',
  properties: {
    how: {
      type: 'string',
      enum: ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'],
      description: 'inner (default), left, right, full, semi (left rows with a match), anti (left rows without a match) or cross.',
    },
    keys: {
      type: 'array',
      description: 'Pairs of a left and a right column whose values must be equal.',
      items: {
        type: 'object',
        properties: {
          left: { type: 'string', description: 'Column of the left input.', 'x-flowfile-column': 'left' },
          right: { type: 'string', description: 'Column of the right input.', 'x-flowfile-column': 'right' },
        },
        additionalProperties: false,
      },
    },
    clash: { type: 'string', enum: ['suffix', 'fail'], description: 'suffix (default) renames them with the suffixes, fail refuses the join.' },
    left_suffix: { type: 'string', description: 'Appended to the names of clashing left columns; default empty.' },
    right_suffix: { type: 'string', description: 'Appended to the names of clashing right columns; default _right.' },
  },
  additionalProperties: false,
};

export const groupBySchema: JsonSchema = {
  type: 'object',
  properties: {
    group_by: {
      type: 'array',
      items: { type: 'string' },
      'x-flowfile-column': 'main',
      description: 'Columns whose distinct combinations form the groups.',
    },
    aggregations: {
      type: 'array',
      description: 'Values computed per group, each becoming a column.',
      items: {
        type: 'object',
        properties: {
          column: { type: 'string', description: 'The column aggregated.', 'x-flowfile-column': 'main' },
          function: { type: 'string', enum: ['sum', 'min', 'max', 'mean', 'count', 'concat'] },
          alias: { type: 'string', description: 'Name of the output column; default <column>_<function>.' },
          separator: { type: 'string', description: 'Text put between the values for concat.' },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

export const filterSchema: JsonSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['basic', 'advanced'], description: 'basic (default): a column, an operator and values; advanced: an SQL expression.' },
    basic: {
      type: 'object',
      description: 'The condition in basic mode.',
      properties: {
        column: { type: 'string', 'x-flowfile-column': 'main' },
        operator: { type: 'string', enum: ['equals', 'in', 'between'] },
        value: { type: 'string' },
        values: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    expression: { type: 'string', 'x-flowfile-sql': true, description: 'The condition in advanced mode.' },
  },
  additionalProperties: false,
};

export const miscSchema: JsonSchema = {
  type: 'object',
  required: ['path'],
  properties: {
    path: { type: 'string', 'x-flowfile-path': 'read' },
    header: { type: 'boolean', description: 'Whether the first line holds the column names; default true.' },
    skip_rows: { type: ['integer', 'null'], description: 'Lines to skip.' },
    ratio: { anyOf: [{ type: 'number' }, { type: 'null' }] },
    output_schemas: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
    rows: { type: 'array', items: { type: 'array', items: {} } },
    source: {
      oneOf: [
        { type: 'object', title: 'File', properties: { kind: { const: 'file' }, path: { type: 'string' } }, required: ['kind'] },
        { type: 'object', title: 'Table', properties: { kind: { const: 'table' }, table: { type: 'string' } }, required: ['kind'] },
      ],
    },
  },
  additionalProperties: false,
};
