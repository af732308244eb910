/**
 * The Python Script node: its kernel (with the kernel's live state, and what to do when there is
 * none or it is stopped), its code as a notebook of cells, its input and output names, and the
 * output schemas it declares, and the artifacts around it (from the nodes before it, its own, global ones). Settings: `{kernel_id, cells, inputs?, outputs?, output_schemas?, start_kernel?}`.
 */
import { useState } from 'react';
import { AlertTriangle, ExternalLink, Play, Plus, Trash2 } from 'lucide-react';
import { navigate } from '../../components/navigation';
import type { NodePanelProps } from '../registry';
import { Checkbox, FieldShell, ProblemList, TextInput } from '../common/controls';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { StringList } from '../common/StringList';
import { StateBadge } from '../../pages/kernels/KernelsPage';
import { isBusy, isRunning, kernelAction, stateLabel, useKernels, type KernelDto } from '../../pages/kernels/kernelModel';
import { ArtifactsPanel } from './ArtifactsPanel';
import { Notebook } from './Notebook';
import './python.css';

const HANDLED = ['kernel_id', 'cells', 'inputs', 'outputs', 'output_schemas', 'start_kernel'];

function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : String(item ?? ''))) : fallback;
}

export function PythonScriptPanel(props: NodePanelProps) {
  const settings = props.settings;
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, HANDLED, HANDLED);
  const { editor, field } = kit;
  const { kernels, put } = useKernels();
  const [starting, setStarting] = useState<string>();
  const [cellsEnded, setCellsEnded] = useState(0);
  const kernelId = typeof settings.kernel_id === 'string' && settings.kernel_id !== '' ? settings.kernel_id : undefined;
  const kernel = kernels?.find((candidate) => candidate.id === kernelId);
  const cells = strings(settings.cells, []);
  const inputs = strings(settings.inputs, ['main']);
  const outputs = strings(settings.outputs, ['main']);
  const f = { kernel: field('kernel_id'), cells: field('cells'), inputs: field('inputs'), outputs: field('outputs'), schemas: field('output_schemas'), start: field('start_kernel') };

  const start = async () => {
    if (!kernelId) return;
    setStarting(undefined);
    try {
      put(await kernelAction(kernelId, 'start'));
    } catch (failure) {
      setStarting(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <PanelFrame type="python_script" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <FieldShell label="Kernel" htmlFor={f.kernel.id} errorId={f.kernel.errorId} problems={f.kernel.problems}>
        <div className="pyn-kernel-row">
          <select
            id={f.kernel.id}
            className="ff-input ffp-input"
            data-field="kernel_id"
            aria-invalid={f.kernel.invalid || undefined}
            aria-describedby={f.kernel.describedBy}
            value={kernelId ?? ''}
            onChange={(event) => editor.set('kernel_id', event.target.value === '' ? undefined : event.target.value)}
          >
            <option value="">Choose a kernel…</option>
            {(kernels ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.id}{candidate.name && candidate.name !== candidate.id ? ` (${candidate.name})` : ''} — {stateLabel(candidate.state)}
              </option>
            ))}
            {kernelId && kernels && !kernel && <option value={kernelId}>{kernelId} — not defined</option>}
          </select>
          {kernel && <StateBadge state={kernel.state} queuePosition={kernel.queuePosition} />}
        </div>
        <a className="pyn-link" href="/kernels" onClick={(event) => { event.preventDefault(); navigate('/kernels'); }}>
          <ExternalLink size={12} aria-hidden="true" /> Manage kernels: create, start, watch memory
        </a>
      </FieldShell>
      <KernelWarning kernelId={kernelId} kernel={kernel} loaded={kernels !== undefined} startKernel={settings.start_kernel === true} onStart={() => void start()} failure={starting} />
      <FieldShell label="Start the kernel when a run needs it" htmlFor={f.start.id} inline errorId={f.start.errorId} problems={f.start.problems}>
        <Checkbox id={f.start.id} dataField="start_kernel" checked={settings.start_kernel === true} isDefault={settings.start_kernel === undefined}
          invalid={f.start.invalid} describedBy={f.start.describedBy} onCommit={(checked) => editor.set('start_kernel', checked ? true : undefined)} />
      </FieldShell>

      <div className="ffp-field ff-field">
        <span className="ff-label">Code</span>
        <ProblemList id={f.cells.errorId} problems={f.cells.problems} path="cells" />
        <Notebook
          draftId={props.draft.id!}
          nodeId={props.nodeId}
          cells={cells}
          onCells={(codes) => editor.set('cells', codes)}
          kernelId={kernelId}
          kernel={kernel}
          invalid={f.cells.invalid}
          onCellEnded={() => setCellsEnded((count) => count + 1)}
        />
      </div>

      <ArtifactsPanel draftId={props.draft.id!} nodeId={props.nodeId} kernelId={kernelId} refresh={cellsEnded} />

      <details className="ffp-more" open={f.inputs.invalid || f.outputs.invalid || f.schemas.invalid || settings.output_schemas !== undefined}>
        <summary>Inputs, outputs and output schemas</summary>
        <FieldShell label="Inputs" errorId={f.inputs.errorId} problems={f.inputs.problems} path="inputs" help="Read with flowfile.read_input(name); each takes any number of connections.">
          <StringList values={inputs} path="inputs" label="Input" idPrefix={f.inputs.id} invalid={f.inputs.invalid}
            update={(fn) => editor.update((base) => ({ ...base, inputs: fn(strings(base.inputs, ['main'])) }))} />
        </FieldShell>
        <FieldShell label="Outputs" errorId={f.outputs.errorId} problems={f.outputs.problems} path="outputs" help="Published with flowfile.publish_output(df, name).">
          <StringList values={outputs} path="outputs" label="Output" idPrefix={f.outputs.id} invalid={f.outputs.invalid}
            update={(fn) => editor.update((base) => ({ ...base, outputs: fn(strings(base.outputs, ['main'])) }))} />
        </FieldShell>
        <OutputSchemas
          outputs={outputs}
          value={(settings.output_schemas ?? {}) as Record<string, Record<string, string>>}
          problems={f.schemas.problems}
          errorId={f.schemas.errorId}
          onChange={(next) => editor.set('output_schemas', Object.keys(next).length === 0 ? undefined : next)}
        />
      </details>
    </PanelFrame>
  );
}

function KernelWarning(props: { kernelId: string | undefined; kernel: KernelDto | undefined; loaded: boolean; startKernel: boolean; onStart: () => void; failure?: string }) {
  const { kernelId, kernel } = props;
  if (!props.loaded) return null;
  let text: string | undefined;
  let canStart = false;
  if (!kernelId) {
    text = 'No kernel is chosen: the code cannot run. Pick one above, or create one on the Kernels page.';
  } else if (!kernel) {
    text = `Kernel '${kernelId}' does not exist (or is not yours): create it on the Kernels page, or pick another.`;
  } else if (!isRunning(kernel.state) && !isBusy(kernel.state)) {
    canStart = true;
    text = `Kernel '${kernelId}' is ${stateLabel(kernel.state).toLowerCase()}${kernel.reason ? ` (${kernel.reason})` : ''}: start it to run cells${props.startKernel ? '' : ', or let runs start it (below)'}.`;
  }
  if (!text) return null;
  return (
    <div className="pyn-warning" role="alert" data-testid="kernel-warning">
      <AlertTriangle size={14} aria-hidden="true" />
      <div>
        <p>{text}</p>
        {canStart && (
          <button type="button" className="button" onClick={props.onStart}>
            <Play size={13} aria-hidden="true" /> Start {kernelId}
          </button>
        )}
        {props.failure && <p className="error-text">{props.failure}</p>}
      </div>
    </div>
  );
}

/** Per output, its declared columns as name → DuckDB type. */
function OutputSchemas(props: {
  outputs: string[];
  value: Record<string, Record<string, string>>;
  problems: { path: string; message: string }[];
  errorId: string;
  onChange: (next: Record<string, Record<string, string>>) => void;
}) {
  const { value } = props;
  const names = [...new Set([...props.outputs, ...Object.keys(value)])];
  const setColumns = (output: string, columns: [string, string][]) => {
    const next = { ...value };
    if (columns.length === 0) delete next[output];
    else next[output] = Object.fromEntries(columns);
    props.onChange(next);
  };
  return (
    <div className="ff-field ffp-field pyn-schemas" data-field="output_schemas">
      <span className="ff-label">Declared output schemas</span>
      <div className="ff-help ffp-help">Optional: declare an output's columns so downstream nodes validate before the code has ever run.</div>
      <ProblemList id={props.errorId} problems={props.problems} path="output_schemas" />
      {names.map((output) => {
        const columns = Object.entries(value[output] ?? {});
        return (
          <div key={output} className="pyn-schema">
            <div className="pyn-schema-head mono">{output}{!props.outputs.includes(output) && <span className="error-text"> (not an output)</span>}</div>
            {columns.map(([column, type], index) => (
              <div key={index} className="pyn-schema-row">
                <TextInput value={column} ariaLabel={`Column ${index + 1} of ${output}`} mono
                  onCommit={(text) => setColumns(output, columns.map((entry, at) => (at === index ? [text.trim(), entry[1]] : entry)))} />
                <TextInput value={type} ariaLabel={`Type of column ${index + 1} of ${output}`} mono placeholder="BIGINT"
                  onCommit={(text) => setColumns(output, columns.map((entry, at) => (at === index ? [entry[0], text.trim().toUpperCase()] : entry)))} />
                <button type="button" className="ff-icon-button is-danger" aria-label={`Remove column ${index + 1} of ${output}`} onClick={() => setColumns(output, columns.filter((_, at) => at !== index))}>
                  <Trash2 size={13} aria-hidden="true" />
                </button>
              </div>
            ))}
            <button type="button" className="button pyn-schema-add" onClick={() => setColumns(output, [...columns, [`column_${columns.length + 1}`, 'VARCHAR']])}>
              <Plus size={13} aria-hidden="true" /> Column
            </button>
          </div>
        );
      })}
    </div>
  );
}
