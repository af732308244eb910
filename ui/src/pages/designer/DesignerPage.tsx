import { useCallback, useEffect, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { Download, LayoutGrid, Play, Redo2, Save, Settings2, Square, Undo2 } from 'lucide-react';
import { raw } from '../../api/client';
import { documentOf, type FlowEditOp, type Me } from '../../api/types';
import { TopBar } from '../../components/TopBar';
import { copySelection, pasteClipboard, uniqueNodeId, type Clipboard } from '../../graph';
import { BottomPanel } from './BottomPanel';
import { Canvas } from './Canvas';
import { Palette } from './Palette';
import { ParametersDialog } from './ParametersDialog';
import { RegisterDialog } from './RegisterDialog';
import { SettingsPanel } from './SettingsPanel';
import { messageOf, useDesigner } from './store';
import './designer.css';

let clipboard: Clipboard | undefined;

/** The designer: header, palette, canvas, settings panel and bottom panel for one draft. */
export function DesignerPage(props: { draftId: string; user: Me; onLogout: () => void }) {
  const load = useDesigner((state) => state.load);
  const draft = useDesigner((state) => state.draft);
  const loadError = useDesigner((state) => state.loadError);
  useEffect(() => {
    void load(props.draftId);
  }, [load, props.draftId]);

  return (
    <div className="shell">
      <ReactFlowProvider>
        {draft && draft.id === props.draftId ? (
          <Designer user={props.user} onLogout={props.onLogout} />
        ) : (
          <>
            <TopBar user={props.user} onLogout={props.onLogout} />
            <div className="designer-loading">
              {loadError ? <p className="error-text" role="alert">This flow could not be opened: {loadError}</p> : <p className="muted">Opening the flow…</p>}
            </div>
          </>
        )}
      </ReactFlowProvider>
    </div>
  );
}

function Designer(props: { user: Me; onLogout: () => void }) {
  const draft = useDesigner((state) => state.draft)!;
  const types = useDesigner((state) => state.types);
  const saving = useDesigner((state) => state.saving);
  const run = useDesigner((state) => state.run);
  const { edit, undo, redo, startRun, cancelRun, notify, select } = useDesigner.getState();
  const flow = useReactFlow();
  const document = documentOf(draft);
  const [mode, setMode] = useState('development');
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [dialog, setDialog] = useState<'parameters' | 'register' | 'rename'>();
  const running = run !== undefined && (run.state === 'queued' || run.state === 'running');

  const addFromPalette = useCallback((type: string) => {
    const center = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 - 80 });
    const id = uniqueNodeId(documentOf(useDesigner.getState().draft!), type);
    void edit([{ op: 'add_node', node: { id, type, position: { x: Math.round(center.x), y: Math.round(center.y) } } }]).then((done) => done && select([id]));
  }, [flow, edit, select]);

  const runNow = useCallback(() => {
    if (!running) void startRun(mode, overrides);
  }, [running, startRun, mode, overrides]);

  const exportFlow = useCallback(async () => {
    try {
      const response = await raw(`/api/drafts/${draft.id}/export?format=yaml`);
      const blob = new Blob([await response.text()], { type: 'application/yaml' });
      const link = window.document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${draft.name}.yaml`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (failure) {
      notify('error', 'The flow could not be exported: ' + messageOf(failure));
    }
  }, [draft.id, draft.name, notify]);

  // Keyboard shortcuts, except while typing in a field.
  const shortcuts = useRef<(event: KeyboardEvent) => void>(() => undefined);
  shortcuts.current = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.closest('input, textarea, select, [contenteditable="true"], .cm-editor'));
    const control = event.ctrlKey || event.metaKey;
    // Ctrl+Enter runs the flow, except in a SQL editor, where it commits the expression.
    if (control && event.key === 'Enter' && !target?.closest('.cm-editor')) {
      event.preventDefault();
      runNow();
      return;
    }
    if (control && event.key.toLowerCase() === 's') {
      event.preventDefault();
      notify('info', saving === 'saved' ? 'Every change is saved as you make it (revision ' + draft.revision + '). Register keeps a version.' : 'Saving…');
      return;
    }
    if (typing || !control) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      void undo();
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      void redo();
    } else if (key === 'c') {
      const selection = useDesigner.getState().selection;
      if (selection.length) {
        clipboard = copySelection(document, selection);
        notify('info', `Copied ${selection.length} ${selection.length === 1 ? 'node' : 'nodes'}.`);
      }
    } else if (key === 'v' && clipboard) {
      event.preventDefault();
      const pasted = pasteClipboard(document, clipboard);
      const edits: FlowEditOp[] = [
        ...pasted.nodes.map((node) => ({ op: 'add_node' as const, node })),
        ...pasted.edges.map((edge) => ({ op: 'connect' as const, from: edge.from, to: edge.to })),
      ];
      void edit(edits).then((done) => done && select(pasted.nodes.map((node) => node.id)));
    } else if (key === 'a') {
      event.preventDefault();
      select(document.nodes.map((node) => node.id));
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => shortcuts.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <>
      <TopBar user={props.user} onLogout={props.onLogout}>
        <div className="designer-header">
          <button className="flow-name" title="Rename the flow" onClick={() => setDialog('rename')}>{draft.name}</button>
          <span className={'save-state ' + saving} aria-live="polite" data-testid="save-state">
            {saving === 'saving' ? 'Saving…' : saving === 'failed' ? 'Last change refused' : `Saved · revision ${draft.revision}`}
          </span>
          <div className="header-group">
            <button className="button icon" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!draft.canUndo} onClick={() => void undo()}><Undo2 size={15} /></button>
            <button className="button icon" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!draft.canRedo} onClick={() => void redo()}><Redo2 size={15} /></button>
            <button className="button icon" aria-label="Auto layout" title="Auto layout" onClick={() => window.dispatchEvent(new Event('flowfile:auto-layout'))}><LayoutGrid size={15} /></button>
          </div>
          <div className="spacer" />
          <div className="header-group">
            <button className="button" onClick={() => setDialog('parameters')} title="Parameters and their values for the next run">
              <Settings2 size={15} /> Parameters{Object.keys(overrides).length ? ` (${Object.keys(overrides).length} set)` : ''}
            </button>
            <select className="input" aria-label="Run mode" value={mode} onChange={(event) => setMode(event.target.value)}
              title="Development runs every node and keeps each one's rows for previews; performance fuses nodes into as few queries as possible">
              <option value="development">Development</option>
              <option value="performance">Performance</option>
            </select>
            {running ? (
              <button className="button danger" onClick={() => void cancelRun()}><Square size={14} /> Cancel run</button>
            ) : (
              <button className="button primary" onClick={runNow} title="Run (Ctrl+Enter)"><Play size={14} /> Run</button>
            )}
            <button className="button" onClick={() => void exportFlow()} title="Download the flow as YAML"><Download size={15} /> Export</button>
            <button className="button" onClick={() => setDialog('register')} title="Keep this state as an immutable version"><Save size={15} /> Register</button>
          </div>
        </div>
      </TopBar>
      <div className="designer">
        <Palette types={types} onAdd={addFromPalette} />
        <div className="designer-center">
          <Canvas />
          <BottomPanel />
        </div>
        <SettingsPanel />
      </div>
      {dialog === 'parameters' && (
        <ParametersDialog defaults={document.parameters ?? {}} overrides={overrides} onClose={() => setDialog(undefined)}
          onSave={(defaults, values) => {
            setOverrides(values);
            setDialog(undefined);
            if (JSON.stringify(defaults) !== JSON.stringify(document.parameters ?? {})) void edit([{ op: 'set_parameters', parameters: defaults }]);
          }} />
      )}
      {dialog === 'register' && <RegisterDialog draft={draft} onClose={() => setDialog(undefined)} />}
      {dialog === 'rename' && <RenameDialog name={draft.name!} onClose={() => setDialog(undefined)} onRename={(name) => { setDialog(undefined); void edit([{ op: 'rename', name }]); }} />}
    </>
  );
}

function RenameDialog(props: { name: string; onClose: () => void; onRename: (name: string) => void }) {
  const [name, setName] = useState(props.name);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && props.onClose()}>
      <div className="dialog" role="dialog" aria-label="Rename the flow">
        <header>Rename the flow</header>
        <div className="body">
          <input className="input" style={{ width: '100%' }} autoFocus aria-label="Flow name" value={name} onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => { if (event.key === 'Enter' && name.trim()) props.onRename(name.trim()); if (event.key === 'Escape') props.onClose(); }} />
        </div>
        <footer>
          <button className="button" onClick={props.onClose}>Cancel</button>
          <button className="button primary" disabled={!name.trim() || name === props.name} onClick={() => props.onRename(name.trim())}>Rename</button>
        </footer>
      </div>
    </div>
  );
}
