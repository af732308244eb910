// A sample table for one input of a test: typed into a small grid, pasted from a spreadsheet (tab- or
// comma-separated, a header row first; column types guessed), or taken from a node of a flow.
import { useEffect, useState } from 'react';
import { ClipboardPaste, GitBranch, Plus, Trash2 } from 'lucide-react';
import { api, call } from '../../api/client';
import { documentOf, type DraftSummary } from '../../api/types';
import { messageOf } from '../designer/store';

export interface Sample {
  columns: { name: string; type: string }[];
  rows: string[][];
}

export const TYPES = ['VARCHAR', 'BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(18,2)', 'BOOLEAN', 'DATE', 'TIMESTAMP'];

export function emptySample(): Sample {
  return { columns: [{ name: 'value', type: 'VARCHAR' }], rows: [['']] };
}

/** The type a column of texts most likely has. */
export function guessType(values: readonly string[]): string {
  const present = values.filter((value) => value !== '');
  if (present.length === 0) return 'VARCHAR';
  if (present.every((value) => /^[+-]?\d{1,18}$/.test(value))) return 'BIGINT';
  if (present.every((value) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value))) return 'DOUBLE';
  if (present.every((value) => /^(true|false)$/i.test(value))) return 'BOOLEAN';
  if (present.every((value) => /^\d{4}-\d{2}-\d{2}$/.test(value))) return 'DATE';
  if (present.every((value) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value))) return 'TIMESTAMP';
  return 'VARCHAR';
}

/** A pasted table: tabs (a spreadsheet's copy) or else commas between cells, the first line its header. */
export function parsePasted(text: string): Sample | undefined {
  const lines = text.replace(/\r/g, '').split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return undefined;
  const separator = lines[0].includes('\t') ? '\t' : ',';
  const cells = lines.map((line) => line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
  const header = cells[0];
  const rows = cells.slice(1).map((row) => header.map((_, index) => row[index] ?? ''));
  return { columns: header.map((name, index) => ({ name: name || `column_${index + 1}`, type: guessType(rows.map((row) => row[index])) })), rows };
}

export function SampleEditor(props: { port: string; sample: Sample; onChange: (next: Sample) => void }) {
  const { sample, port } = props;
  const [pasting, setPasting] = useState(false);
  const [fromFlow, setFromFlow] = useState(false);
  const setColumn = (index: number, patch: Partial<Sample['columns'][number]>) =>
    props.onChange({ ...sample, columns: sample.columns.map((column, i) => (i === index ? { ...column, ...patch } : column)) });
  const setCell = (row: number, column: number, value: string) =>
    props.onChange({ ...sample, rows: sample.rows.map((cells, r) => (r === row ? cells.map((cell, c) => (c === column ? value : cell)) : cells)) });
  return (
    <section className="ndz-sample" aria-label={`Sample input ${port}`}>
      <div className="ndz-sample-head">
        <h3>Input <span className="mono">{port}</span></h3>
        <button className="button" onClick={() => { setPasting(!pasting); setFromFlow(false); }}><ClipboardPaste size={14} /> Paste from a spreadsheet</button>
        <button className="button" onClick={() => { setFromFlow(!fromFlow); setPasting(false); }}><GitBranch size={14} /> Take from a flow</button>
      </div>
      {pasting && <PasteBox port={port} onDone={(next) => { props.onChange(next); setPasting(false); }} />}
      {fromFlow && <FromFlow onDone={(next) => { props.onChange(next); setFromFlow(false); }} />}
      <div className="ndz-grid-scroll">
        <table className="ndz-grid">
          <thead>
            <tr>
              {sample.columns.map((column, index) => (
                <th key={index}>
                  <input className="input mono" aria-label={`${port}: name of column ${index + 1}`} value={column.name}
                    onChange={(event) => setColumn(index, { name: event.target.value })} />
                  <select className="input" aria-label={`${port}: type of column ${index + 1}`} value={column.type}
                    onChange={(event) => setColumn(index, { type: event.target.value })}>
                    {[...new Set([...TYPES, column.type])].map((type) => <option key={type} value={type}>{type}</option>)}
                  </select>
                </th>
              ))}
              <th>
                <button className="ff-icon-button" aria-label={`${port}: add a column`}
                  onClick={() => props.onChange({ columns: [...sample.columns, { name: `column_${sample.columns.length + 1}`, type: 'VARCHAR' }],
                    rows: sample.rows.map((row) => [...row, '']) })}><Plus size={14} /></button>
              </th>
            </tr>
          </thead>
          <tbody>
            {sample.rows.map((row, r) => (
              <tr key={r}>
                {sample.columns.map((_, c) => (
                  <td key={c}><input className="input" aria-label={`${port}: row ${r + 1}, column ${c + 1}`} value={row[c] ?? ''}
                    placeholder="null" onChange={(event) => setCell(r, c, event.target.value)} /></td>
                ))}
                <td><button className="ff-icon-button" aria-label={`${port}: remove row ${r + 1}`}
                  onClick={() => props.onChange({ ...sample, rows: sample.rows.filter((_, i) => i !== r) })}><Trash2 size={14} /></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button className="button" onClick={() => props.onChange({ ...sample, rows: [...sample.rows, sample.columns.map(() => '')] })}>
        <Plus size={14} /> Add a row
      </button>
      <p className="muted small">{sample.rows.length} rows · an empty cell is null</p>
    </section>
  );
}

function PasteBox(props: { port: string; onDone: (sample: Sample) => void }) {
  const [text, setText] = useState('');
  const parsed = parsePasted(text);
  return (
    <div className="ndz-paste">
      <textarea className="input mono" rows={6} aria-label={`Pasted table for ${props.port}`} value={text} onChange={(event) => setText(event.target.value)}
        placeholder={'Paste cells copied from a spreadsheet (or CSV), the header row first:\nregion\tamount\nnorth\t5'} />
      <button className="button primary" disabled={!parsed} onClick={() => parsed && props.onDone(parsed)}>
        Use {parsed ? `${parsed.rows.length} rows × ${parsed.columns.length} columns` : 'the pasted table'}
      </button>
    </div>
  );
}

function FromFlow(props: { onDone: (sample: Sample) => void }) {
  const [drafts, setDrafts] = useState<DraftSummary[]>();
  const [draft, setDraft] = useState('');
  const [nodes, setNodes] = useState<string[]>([]);
  const [node, setNode] = useState('');
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    call(api.GET('/api/drafts')).then(setDrafts, (error: unknown) => setFailure(messageOf(error)));
  }, []);
  useEffect(() => {
    if (!draft) return;
    call(api.GET('/api/drafts/{id}', { params: { path: { id: draft } } }))
      .then((view) => setNodes(documentOf(view).nodes.map((candidate) => candidate.id)), (error: unknown) => setFailure(messageOf(error)));
  }, [draft]);
  const take = async () => {
    try {
      const preview = await call(api.POST('/api/drafts/{id}/preview', { params: { path: { id: draft } }, body: { node, limit: 200 } }));
      props.onDone({
        columns: (preview.columns ?? []).map((column) => ({ name: column.name ?? '', type: column.type ?? 'VARCHAR' })),
        rows: (preview.rows ?? []).map((row) => row.map((value) => (value === null || value === undefined ? '' : String(value)))),
      });
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  return (
    <div className="ndz-from-flow">
      <select className="input" aria-label="Flow to take the sample from" value={draft} onChange={(event) => { setDraft(event.target.value); setNode(''); }}>
        <option value="">Choose a flow…</option>
        {(drafts ?? []).map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.name}</option>)}
      </select>
      <select className="input" aria-label="Node whose output is the sample" value={node} disabled={!draft} onChange={(event) => setNode(event.target.value)}>
        <option value="">Choose a node…</option>
        {nodes.map((id) => <option key={id} value={id}>{id}</option>)}
      </select>
      <button className="button primary" disabled={!node} onClick={() => void take()}>Take its first 200 rows</button>
      {failure && <p className="error-text" role="alert">{failure}</p>}
    </div>
  );
}
