import { describe, expect, it } from 'vitest';
import { acceptsType, sectionVisible, valueOf, type NodeTypeDoc } from './document';
import { guessType, parsePasted } from '../../pages/nodedesigner/SampleEditor';

const doc: NodeTypeDoc = {
  flowfile_node: 1, type: 'labels', title: 'Labels', category: 'transform', inputs: ['main'], outputs: ['main'],
  form: {
    sections: [
      { title: 'Mode', components: [{ name: 'mode', kind: 'select', label: 'Mode', options: ['plain', 'loud'], default: 'plain' }] },
      { title: 'Loud', visible_when: { setting: 'mode', equals: 'loud' }, components: [{ name: 'times', kind: 'slider', label: 'Times', min: 1, max: 5 }] },
      { title: 'Very loud', visible_when: { setting: 'times', equals: 5 }, components: [{ name: 'shout', kind: 'toggle', label: 'Shout' }] },
    ],
  },
  implementation: { kind: 'sql', sql: 'SELECT * FROM main' },
};

describe('a custom form', () => {
  it('takes a default when a setting has no value', () => {
    expect(valueOf(doc.form.sections[0].components[0], {})).toBe('plain');
    expect(valueOf(doc.form.sections[0].components[0], { mode: 'loud' })).toBe('loud');
  });

  it('shows a section only while its condition holds, and its condition section shows', () => {
    expect(sectionVisible(doc, doc.form.sections[1], {})).toBe(false);
    expect(sectionVisible(doc, doc.form.sections[1], { mode: 'loud' })).toBe(true);
    expect(sectionVisible(doc, doc.form.sections[2], { mode: 'plain', times: 5 })).toBe(false);
    expect(sectionVisible(doc, doc.form.sections[2], { mode: 'loud', times: 5 })).toBe(true);
  });

  it('offers the columns of the kinds a component asks for, as the server decides', () => {
    expect(acceptsType('numeric', 'DECIMAL(18,2)')).toBe(true);
    expect(acceptsType('numeric', 'VARCHAR')).toBe(false);
    expect(acceptsType('text', 'VARCHAR')).toBe(true);
    expect(acceptsType('temporal', 'TIMESTAMP WITH TIME ZONE')).toBe(true);
    expect(acceptsType(undefined, 'BLOB')).toBe(true);
  });
});

describe('a pasted sample', () => {
  it('reads cells copied from a spreadsheet with their types guessed', () => {
    expect(parsePasted('region\tamount\tshipped\nnorth\t5\ttrue\nsouth\t4.5\tfalse\n')).toEqual({
      columns: [{ name: 'region', type: 'VARCHAR' }, { name: 'amount', type: 'DOUBLE' }, { name: 'shipped', type: 'BOOLEAN' }],
      rows: [['north', '5', 'true'], ['south', '4.5', 'false']],
    });
  });

  it('reads comma-separated text and pads short rows', () => {
    expect(parsePasted('a,b\n1\n2,2020-01-02')).toEqual({ columns: [{ name: 'a', type: 'BIGINT' }, { name: 'b', type: 'DATE' }], rows: [['1', ''], ['2', '2020-01-02']] });
    expect(parsePasted('  \n')).toBeUndefined();
    expect(guessType(['', ''])).toBe('VARCHAR');
  });
});
