/**
 * The settings panel of a node of a custom type: the kernel for a Python type, the type's form,
 * and — when the node was built with an older version than the newest published one — the offer to
 * upgrade it (its settings stay; the new version's form and code apply).
 */
import { useEffect, useState } from 'react';
import { ArrowUpCircle } from 'lucide-react';
import { api, call } from '../../api/client';
import type { NodeTypeDto } from '../../api/types';
import { Checkbox, FieldShell } from '../common/controls';
import { stateLabel, useKernels } from '../../pages/kernels/kernelModel';
import type { NodePanelProps } from '../registry';
import { CustomForm } from './CustomForm';
import { isNodeTypeDoc } from './document';

export function CustomNodePanel(props: NodePanelProps & { typeVersion?: number; onUpgrade: (version: number) => void }) {
  const newest = props.nodeType;
  const built = props.typeVersion ?? newest.version;
  const [type, setType] = useState<NodeTypeDto | undefined>(built === newest.version ? newest : undefined);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    if (built === undefined || built === newest.version) {
      setType(newest);
      return;
    }
    let live = true;
    setFailure(undefined);
    call(api.GET('/api/node-types/{type}/versions/{version}', { params: { path: { type: newest.type!, version: built } } }))
      .then((found) => { if (live) setType(found); }, (error: unknown) => { if (live) setFailure(error instanceof Error ? error.message : String(error)); });
    return () => { live = false; };
  }, [built, newest]);
  // The settings as the user left them: a second change made before the first one's answer came back
  // builds on the first (the draft's settings arrive with the answer).
  const [settings, setSettings] = useState(props.settings);
  useEffect(() => {
    setSettings(props.settings);
  }, [props.settings]);
  const change = (next: Record<string, unknown>) => {
    setSettings(next);
    props.onChange(next);
  };
  const doc = type?.custom;
  const python = isNodeTypeDoc(doc) && doc.implementation.kind === 'python';
  const field = (name: string) => props.problems.filter((problem) => problem.path === name);
  return (
    <div className="cnf-panel">
      {built !== undefined && newest.version !== undefined && built < newest.version && (
        <div className="cnf-upgrade" role="status">
          <span>Built with version {built}; version {newest.version} of {newest.title} is published.</span>
          <button type="button" className="button" onClick={() => props.onUpgrade(newest.version!)}>
            <ArrowUpCircle size={14} /> Upgrade to v{newest.version}
          </button>
        </div>
      )}
      {failure && <p className="error-text" role="alert">{failure}</p>}
      {python && <KernelFields {...props} settings={settings} onChange={change} kernelProblems={field('kernel_id')} />}
      {isNodeTypeDoc(doc) ? (
        <CustomForm doc={doc} value={settings} onChange={change} idPrefix={props.nodeId}
          columns={(port) => props.columns(port).map((column) => ({ name: column.name ?? '', type: column.type ?? '' }))}
          problems={props.problems} />
      ) : !failure && <p className="muted">Loading the form of version {built}…</p>}
    </div>
  );
}

function KernelFields(props: NodePanelProps & { kernelProblems: NodePanelProps['problems'] }) {
  const { kernels } = useKernels();
  const kernelId = typeof props.settings.kernel_id === 'string' ? props.settings.kernel_id : '';
  const id = `${props.nodeId}-kernel_id`;
  const set = (name: string, value: unknown) => {
    const next = { ...props.settings };
    if (value === undefined) delete next[name]; else next[name] = value;
    props.onChange(next);
  };
  return (
    <>
      <FieldShell label="Kernel *" htmlFor={id} problems={props.kernelProblems} errorId={`${id}-problems`}>
        <select id={id} className="ff-input ffp-input" data-field="kernel_id" value={kernelId}
          aria-invalid={props.kernelProblems.length > 0 || undefined}
          onChange={(event) => set('kernel_id', event.target.value === '' ? undefined : event.target.value)}>
          <option value="">Choose a kernel…</option>
          {(kernels ?? []).map((kernel) => <option key={kernel.id} value={kernel.id}>{kernel.id} — {stateLabel(kernel.state)}</option>)}
          {kernelId && kernels && !kernels.some((kernel) => kernel.id === kernelId) && <option value={kernelId}>{kernelId} — not defined</option>}
        </select>
      </FieldShell>
      <FieldShell label="Start the kernel when a run needs it" htmlFor={`${props.nodeId}-start_kernel`} inline>
        <Checkbox id={`${props.nodeId}-start_kernel`} dataField="start_kernel" checked={props.settings.start_kernel === true}
          onCommit={(checked) => set('start_kernel', checked ? true : undefined)} />
      </FieldShell>
    </>
  );
}
