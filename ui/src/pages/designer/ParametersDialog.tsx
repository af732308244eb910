import { useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { Dialog } from '../../components/Dialog';

/**
 * The flow's parameters (${name} in settings): their defaults, saved with the flow, and the values
 * for the next run, which override the defaults for that run only.
 */
export function ParametersDialog(props: {
  defaults: Record<string, string>;
  overrides: Record<string, string>;
  onSave: (defaults: Record<string, string>, overrides: Record<string, string>) => void;
  onClose: () => void;
}) {
  const [rows, setRows] = useState(() => Object.entries(props.defaults).map(([name, value]) => ({ name, value, run: props.overrides[name] ?? '' })));
  const names = rows.map((row) => row.name.trim());
  const invalid = names.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) || new Set(names).size !== names.length;
  const update = (index: number, field: 'name' | 'value' | 'run', value: string) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, [field]: value } : row)));
  const save = () => {
    const defaults: Record<string, string> = {};
    const overrides: Record<string, string> = {};
    for (const row of rows) {
      defaults[row.name.trim()] = row.value;
      if (row.run !== '') overrides[row.name.trim()] = row.run;
    }
    props.onSave(defaults, overrides);
  };
  return (
    <Dialog title="Parameters" onClose={props.onClose}
      footer={<>
        <button className="button" onClick={props.onClose}>Cancel</button>
        <button className="button primary" disabled={invalid} onClick={save}>Save</button>
      </>}>
      <p className="muted">Settings use a parameter as <span className="mono">{'${name}'}</span>. The default is saved with the flow; a value for the next run overrides it for that run only.</p>
      <table className="parameters">
        <thead><tr><th>Name</th><th>Default</th><th>This run</th><th /></tr></thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td><input className="input mono" aria-label={`Parameter name (row ${index + 1})`} value={row.name} onChange={(event) => update(index, 'name', event.target.value)} /></td>
              <td><input className="input" aria-label={`Default of ${row.name || 'parameter ' + (index + 1)}`} value={row.value} onChange={(event) => update(index, 'value', event.target.value)} /></td>
              <td><input className="input" aria-label={`Value for this run of ${row.name || 'parameter ' + (index + 1)}`} placeholder="default" value={row.run} onChange={(event) => update(index, 'run', event.target.value)} /></td>
              <td><button className="button icon" aria-label={`Remove ${row.name}`} onClick={() => setRows(rows.filter((_, at) => at !== index))}><Trash2 size={14} /></button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="button" onClick={() => setRows([...rows, { name: '', value: '', run: '' }])}><Plus size={14} /> Add a parameter</button>
      {invalid && rows.length > 0 && <p className="error-text">Names are letters, digits and _ (not starting with a digit), each once.</p>}
    </Dialog>
  );
}
