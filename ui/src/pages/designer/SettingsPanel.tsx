import { useEffect, useRef, useState } from 'react';
import { Eye } from 'lucide-react';
import { documentOf, type DraftView, type NodeTypeDto } from '../../api/types';
import { SchemaForm, type FieldProblem } from '../../forms/SchemaForm';
import { NODE_PANELS } from '../../nodes/registry';
import { CustomNodePanel } from '../../nodes/custom/CustomNodePanel';
import { categoryIcon } from './categories';
import { inputColumns, outputColumns } from './columns';
import { useDesigner } from './store';

/** The right-hand panel: the selected node's settings, or the flow's own when nothing is selected. */
export function SettingsPanel() {
  const draft = useDesigner((state) => state.draft)!;
  const types = useDesigner((state) => state.types);
  const selection = useDesigner((state) => state.selection);
  const edit = useDesigner((state) => state.edit);
  const document = documentOf(draft);

  if (selection.length > 1) {
    return (
      <aside className="settings" aria-label="Settings">
        <div className="settings-head"><div className="settings-title">{selection.length} nodes selected</div></div>
        <div className="settings-body">
          <p className="muted">Delete removes them; Ctrl+C copies them with their settings and the edges between them.</p>
          <button className="button danger" onClick={() => void edit([{ op: 'remove_nodes', nodes: selection }]).then(() => useDesigner.getState().select([]))}>
            Delete {selection.length} nodes
          </button>
        </div>
      </aside>
    );
  }
  const node = document.nodes.find((candidate) => candidate.id === selection[0]);
  if (!node) {
    return <FlowSettings draft={draft} />;
  }
  const nodeType = types.find((type) => type.type === node.type);
  return <NodeSettings key={node.id} draft={draft} nodeId={node.id} nodeType={nodeType} />;
}

function NodeSettings(props: { draft: DraftView; nodeId: string; nodeType?: NodeTypeDto }) {
  const { draft, nodeId, nodeType } = props;
  const edit = useDesigner((state) => state.edit);
  const showPreview = useDesigner((state) => state.showPreview);
  const node = documentOf(draft).nodes.find((candidate) => candidate.id === nodeId)!;
  const [label, setLabel] = useState(node.label ?? '');
  useEffect(() => {
    setLabel(node.label ?? '');
  }, [node.label]);
  const Icon = categoryIcon(nodeType?.category);
  const problems = (draft.problems ?? []).filter((problem) => problem.node === nodeId);
  const fieldProblems: FieldProblem[] = problems
    .filter((problem) => problem.path?.startsWith('settings.') || problem.path === 'settings')
    .map((problem) => ({ path: problem.path!.replace(/^settings\.?/, ''), message: problem.message ?? '' }));
  const otherProblems = problems.filter((problem) => !(problem.path?.startsWith('settings.') || problem.path === 'settings'));
  const settings = (node.settings ?? {}) as Record<string, unknown>;
  const onChange = (next: Record<string, unknown>) => void edit([{ op: 'update_settings', node: nodeId, settings: next }]);
  const columns = (port: string) => inputColumns(draft, nodeId, port);
  const bespoke = NODE_PANELS.get(node.type);
  // A click on a problem in the bottom panel selects the node and brings its field into view.
  const focusField = useDesigner((state) => state.focusField);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusField) return;
    const timer = setTimeout(() => {
      const field = body.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusField)}"]`);
      field?.scrollIntoView({ block: 'center' });
      field?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, [focusField, nodeId]);
  const outputs = nodeType?.outputs ?? ['main'];

  return (
    <aside className="settings" aria-label="Settings">
      <div className="settings-head">
        <span className={'flow-node-icon category-' + (nodeType?.category ?? 'unknown')}><Icon size={15} /></span>
        <div style={{ flex: 1, minWidth: 0 }}>
          <input
            className="settings-label-input"
            aria-label="Node label"
            value={label}
            placeholder={nodeId}
            onChange={(event) => setLabel(event.target.value)}
            onBlur={() => { if (label !== (node.label ?? '')) void edit([{ op: 'relabel', node: nodeId, label }]); }}
            onKeyDown={(event) => { if (event.key === 'Enter') (event.target as HTMLInputElement).blur(); }}
          />
          <div className="muted settings-subtitle">{nodeType?.title ?? node.type} · <span className="mono">{nodeId}</span></div>
        </div>
        <button className="button" title="Preview this node's output (or double-click the node)" onClick={() => void showPreview(nodeId)}>
          <Eye size={14} /> Preview
        </button>
      </div>
      <div className="settings-body" ref={body}>
        {nodeType?.description && <p className="muted settings-description">{nodeType.description}</p>}
        {otherProblems.length > 0 && (
          <ul className="settings-problems" role="alert">
            {otherProblems.map((problem, index) => <li key={index}>{problem.message}</li>)}
          </ul>
        )}
        {!nodeType ? (
          <p className="error-text">Unknown node type '{node.type}': the server does not know it, so its settings cannot be edited here.</p>
        ) : nodeType.custom ? (
          <CustomNodePanel draft={draft} nodeId={nodeId} nodeType={nodeType} settings={settings} onChange={onChange} columns={columns}
            problems={fieldProblems} typeVersion={node.type_version}
            onUpgrade={(version) => void edit([{ op: 'set_type_version', node: nodeId, version }])} />
        ) : bespoke ? (
          <bespoke.Panel draft={draft} nodeId={nodeId} nodeType={nodeType} settings={settings} onChange={onChange} columns={columns} problems={fieldProblems} />
        ) : (
          <SchemaForm
            schema={nodeType.settingsSchema as never}
            value={settings}
            onChange={onChange}
            context={{ columns, problems: fieldProblems, idPrefix: nodeId }}
          />
        )}
        <label className="settings-cache">
          <input type="checkbox" checked={node.cache === true}
            onChange={(event) => void edit([{ op: 'set_cache', node: nodeId, cache: event.target.checked }])} />
          Cache this node's result between runs
        </label>
        {outputs.map((port) => (
          <OutputColumns key={port} title={outputs.length > 1 ? `Output columns (${port})` : 'Output columns'} columns={outputColumns(draft, nodeId, port)} />
        ))}
      </div>
    </aside>
  );
}

function OutputColumns(props: { title: string; columns: { name?: string; type?: string }[] }) {
  return (
    <section className="output-columns" aria-label={props.title}>
      <h4>{props.title}</h4>
      {props.columns.length === 0 ? (
        <p className="muted">Not known yet — connect the node's inputs and fix its problems.</p>
      ) : (
        <table>
          <tbody>
            {props.columns.map((column) => (
              <tr key={column.name}><td>{column.name}</td><td className="muted mono">{column.type}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FlowSettings(props: { draft: DraftView }) {
  const document = documentOf(props.draft);
  const edit = useDesigner((state) => state.edit);
  const [description, setDescription] = useState(document.description ?? '');
  useEffect(() => {
    setDescription(document.description ?? '');
  }, [document.description]);
  const flowProblems = (props.draft.problems ?? []).filter((problem) => !problem.node);
  return (
    <aside className="settings" aria-label="Settings">
      <div className="settings-head"><div className="settings-title">Flow</div></div>
      <div className="settings-body">
        <p className="muted">Select a node to edit its settings. Shift-click or Shift-drag selects several.</p>
        <label className="field">
          <span>Description</span>
          <textarea className="input" rows={3} value={description} aria-label="Flow description"
            onChange={(event) => setDescription(event.target.value)}
            onBlur={() => { if (description !== (document.description ?? '')) void edit([{ op: 'describe', description }]); }} />
        </label>
        <p className="muted">{document.nodes.length} nodes · {document.edges.length} edges · {Object.keys(document.parameters ?? {}).length} parameters</p>
        {flowProblems.length > 0 && (
          <ul className="settings-problems" role="alert">
            {flowProblems.map((problem, index) => <li key={index}>{problem.message}</li>)}
          </ul>
        )}
      </div>
    </aside>
  );
}
