/**
 * The node's code as a notebook: its cells (the `cells` setting) edited with CodeMirror, run one at
 * a time on the node's kernel in the flow's namespace (POST .../cells answers a run whose events
 * carry the output), with the execution counter and time of each, interrupt, clear, restart of the
 * namespace, and a full-screen mode with the kernel's state and memory in its header.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { EditorView } from '@uiw/react-codemirror';
import { BookOpen, ChevronDown, ChevronUp, Eraser, Maximize2, Minimize2, Play, PlayCircle, Plus, RotateCcw, Square, Trash2 } from 'lucide-react';
import { api, call } from '../../api/client';
import { followRun } from '../../api/events';
import type { RunDto } from '../../api/types';
import { MemoryBar, StateBadge } from '../../pages/kernels/KernelsPage';
import { isRunning, reasonKind, type KernelDto } from '../../pages/kernels/kernelModel';
import { ApiReference } from './ApiReference';
import { CellEditor } from './CellEditor';
import { CellOutputs } from './Outputs';
import { applyRunEvent, EMPTY_RESULT, formatMillis, moveItem, newCell, syncCells, type Cell, type CellResult, type CellStatus } from './notebookModel';

export interface NotebookProps {
  draftId: string;
  nodeId: string;
  /** The `cells` setting. */
  cells: readonly string[];
  onCells: (codes: string[]) => void;
  kernelId: string | undefined;
  kernel: KernelDto | undefined;
  invalid?: boolean;
  /** Called when a cell has ended (its code may have published or read artifacts). */
  onCellEnded?: () => void;
}

const COMMIT_AFTER_MS = 800;

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

export function Notebook(props: NotebookProps) {
  const { draftId, nodeId, kernel } = props;
  const [cells, setCells] = useState<Cell[]>(() => syncCells([], props.cells.length > 0 ? props.cells : ['']));
  const [results, setResults] = useState<Record<string, CellResult>>({});
  const [expanded, setExpanded] = useState(false);
  const [reference, setReference] = useState(false);
  const [running, setRunning] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const propsRef = useRef(props);
  propsRef.current = props;
  const counter = useRef(0);
  const active = useRef<{ runId: string; key: string; stop: () => void } | undefined>(undefined);
  const stopQueue = useRef(false);
  const views = useRef(new Map<string, EditorView>());
  const commitTimer = useRef<number | undefined>(undefined);
  const lastKey = useRef<string | undefined>(undefined);
  const ready = isRunning(kernel?.state);

  // The setting changed elsewhere (undo, another tab): take it, keeping outputs by position.
  const settingKey = JSON.stringify(props.cells);
  useEffect(() => {
    const codes = propsRef.current.cells;
    const mine = cellsRef.current.map((cell) => cell.code);
    if (codes.length === 0 || JSON.stringify(codes) === JSON.stringify(mine)) return;
    setCells((current) => syncCells(current, codes));
  }, [settingKey]);

  const commit = useCallback((next: Cell[] = cellsRef.current) => {
    window.clearTimeout(commitTimer.current);
    const codes = next.map((cell) => cell.code);
    if (JSON.stringify(codes) !== JSON.stringify(propsRef.current.cells)) propsRef.current.onCells(codes);
  }, []);

  useEffect(() => () => {
    // Unmounting (another node selected): keep what was typed, stop following (the run goes on).
    window.clearTimeout(commitTimer.current);
    const codes = cellsRef.current.map((cell) => cell.code);
    if (JSON.stringify(codes) !== JSON.stringify(propsRef.current.cells) && codes.some((code) => code !== '')) propsRef.current.onCells(codes);
    active.current?.stop();
  }, []);

  const change = (next: Cell[], now = false) => {
    cellsRef.current = next;
    setCells(next);
    window.clearTimeout(commitTimer.current);
    if (now) commit(next);
    else commitTimer.current = window.setTimeout(() => commit(), COMMIT_AFTER_MS);
  };

  const setResult = (key: string, update: (result: CellResult) => CellResult) =>
    setResults((previous) => ({ ...previous, [key]: update(previous[key] ?? EMPTY_RESULT) }));

  /** Runs one cell and resolves with how it ended. */
  const runOne = useCallback(async (key: string): Promise<CellStatus> => {
    const cell = cellsRef.current.find((candidate) => candidate.key === key);
    if (!cell) return 'idle';
    lastKey.current = key;
    setResult(key, () => ({ status: 'queued', items: [] }));
    setRunning(key);
    let run: RunDto;
    try {
      run = (await call(api.POST('/api/drafts/{id}/nodes/{node}/cells', {
        params: { path: { id: draftId, node: nodeId } },
        body: { code: cell.code },
      }))) as RunDto;
    } catch (failure) {
      setResult(key, () => ({ status: 'error', items: [{ kind: 'error', text: messageOf(failure) }] }));
      setRunning(undefined);
      return 'error';
    }
    counter.current += 1;
    const count = counter.current;
    setResult(key, (result) => ({ ...result, count, runId: run.id }));
    return new Promise<CellStatus>((resolve) => {
      const started = Date.now();
      const finish = (status: CellStatus) => {
        if (active.current?.runId === run.id) active.current = undefined;
        setRunning((current) => (current === key ? undefined : current));
        propsRef.current.onCellEnded?.();
        resolve(status);
      };
      const stop = followRun(run.id!, (event) => {
        setResult(key, (result) => applyRunEvent(result, event, nodeId));
        if (event.event === 'end') {
          const state = String(event.data.state ?? '');
          setResult(key, (result) => ({ ...result, millis: result.millis ?? Date.now() - started }));
          finish(state === 'succeeded' ? 'ok' : state === 'cancelled' ? 'cancelled' : 'error');
        }
      }, (message) => {
        setResult(key, (result) => ({ ...result, status: 'error', items: [...result.items, { kind: 'error', text: message }] }));
        finish('error');
      });
      active.current = { runId: run.id!, key, stop };
    });
  }, [draftId, nodeId]);

  const runMany = useCallback(async (keys: string[]) => {
    if (active.current) return;
    commit();
    stopQueue.current = false;
    for (const key of keys) {
      if (stopQueue.current) break;
      const status = await runOne(key);
      if (status !== 'ok') break;
    }
  }, [commit, runOne]);

  const focusCell = (key: string) => window.setTimeout(() => views.current.get(key)?.focus(), 30);

  const runAndAdvance = (key: string) => {
    const index = cellsRef.current.findIndex((cell) => cell.key === key);
    void runMany([key]);
    const next = cellsRef.current[index + 1];
    if (next) {
      focusCell(next.key);
    } else {
      const added = newCell();
      change([...cellsRef.current, added], true);
      focusCell(added.key);
    }
  };

  const interrupt = async () => {
    stopQueue.current = true;
    const current = active.current;
    if (!current) return;
    try {
      await call(api.POST('/api/runs/{id}/cancel', { params: { path: { id: current.runId } } }));
    } catch (failure) {
      setNotice(messageOf(failure));
    }
  };

  const restartNamespace = async () => {
    setNotice(undefined);
    try {
      await call(api.POST('/api/drafts/{id}/nodes/{node}/namespace/restart', { params: { path: { id: draftId, node: nodeId } } }));
      counter.current = 0;
      setResults((previous) => Object.fromEntries(Object.entries(previous).map(([key, result]) => [key, { ...result, count: undefined }])));
      setNotice('The flow\'s namespace was restarted: every variable is gone.');
    } catch (failure) {
      setNotice(messageOf(failure));
    }
  };

  // The kernel died during (or right after) a cell: say why under that cell.
  const kernelReason = kernel?.state === 'ERROR' ? kernel.reason : undefined;
  useEffect(() => {
    const key = lastKey.current;
    if (!kernelReason || !key) return;
    const text = `The kernel ${reasonKind(kernelReason) ? `stopped (${reasonKind(kernelReason)})` : 'failed'}: ${kernelReason}`;
    setResult(key, (result) => (result.items.some((item) => item.kind === 'error' && item.text === text) ? result
      : { ...result, status: result.status === 'ok' ? 'ok' : 'error', items: [...result.items, { kind: 'error', text }] }));
  }, [kernelReason]);

  const body = (
    <div className={`pyn-notebook${expanded ? ' is-expanded' : ''}${props.invalid ? ' is-invalid' : ''}`} data-testid="notebook" data-field="cells">
      <div className="pyn-toolbar" role="toolbar" aria-label="Notebook">
        {expanded && (
          <div className="pyn-expanded-title">
            <strong>{nodeId}</strong>
            <span className="muted">on</span>
            <span className="mono">{props.kernelId ?? 'no kernel'}</span>
            {kernel && <StateBadge state={kernel.state} queuePosition={kernel.queuePosition} />}
            {kernel?.usage && ready && <MemoryBar compact usedBytes={kernel.usage.memoryUsedBytes ?? 0} limitBytes={kernel.usage.memoryLimitBytes ?? 0} percent={kernel.usage.memoryPercent ?? 0} />}
          </div>
        )}
        <button type="button" className="button" onClick={() => void runMany(cellsRef.current.map((cell) => cell.key))} disabled={running !== undefined} title="Run every cell in order (stops at an error)">
          <PlayCircle size={14} aria-hidden="true" /> Run all
        </button>
        <button type="button" className="button" onClick={() => void interrupt()} disabled={running === undefined} title="Interrupt the running cell (KeyboardInterrupt)">
          <Square size={13} aria-hidden="true" /> Interrupt
        </button>
        <button type="button" className="button icon" onClick={() => setResults({})} aria-label="Clear outputs" title="Clear outputs">
          <Eraser size={14} aria-hidden="true" />
        </button>
        <button type="button" className="button icon" onClick={() => void restartNamespace()} disabled={!ready || running !== undefined} aria-label="Restart the namespace" title="Restart the flow's namespace (forget every variable)">
          <RotateCcw size={14} aria-hidden="true" />
        </button>
        <button type="button" className="button icon" onClick={() => setReference(true)} aria-label="flowfile API reference" title="The flowfile API">
          <BookOpen size={14} aria-hidden="true" />
        </button>
        <span className="pyn-spacer" />
        <button type="button" className="button icon" onClick={() => { commit(); setExpanded((open) => !open); }} aria-label={expanded ? 'Leave full screen' : 'Open the full-screen editor'} title={expanded ? 'Leave full screen (Esc)' : 'Full-screen editor'}>
          {expanded ? <Minimize2 size={14} aria-hidden="true" /> : <Maximize2 size={14} aria-hidden="true" />}
        </button>
      </div>
      {notice && <div className="pyn-notice" role="status">{notice}<button type="button" className="link-button" onClick={() => setNotice(undefined)}>dismiss</button></div>}
      <ol className="pyn-cells">
        {cells.map((cell, index) => {
          const result = results[cell.key] ?? EMPTY_RESULT;
          const busy = result.status === 'running' || result.status === 'queued';
          return (
            <li key={cell.key} className={`pyn-cell status-${result.status}`} data-testid="cell" data-status={result.status}>
              <div className="pyn-cell-gutter">
                <span className="pyn-count" data-testid="execution-count">[{busy ? '*' : result.count ?? ' '}]</span>
                <button type="button" className="ff-icon-button" aria-label={`Run cell ${index + 1}`} title="Run (Shift+Enter)" disabled={running !== undefined && !busy} onClick={() => void runMany([cell.key])}>
                  <Play size={13} aria-hidden="true" />
                </button>
              </div>
              <div className="pyn-cell-main">
                <CellEditor
                  value={cell.code}
                  ariaLabel={`Cell ${index + 1}`}
                  onChange={(code) => change(cellsRef.current.map((c) => (c.key === cell.key ? { ...c, code } : c)))}
                  onBlur={() => commit()}
                  onRun={() => void runMany([cell.key])}
                  onRunAdvance={() => runAndAdvance(cell.key)}
                  help={{ draftId, nodeId, ready: () => isRunning(propsRef.current.kernel?.state) }}
                  editorRef={(view) => {
                    if (view) views.current.set(cell.key, view);
                    else views.current.delete(cell.key);
                  }}
                />
                <CellOutputs items={result.items} />
                {(result.status !== 'idle') && (
                  <div className="pyn-cell-status" data-testid="cell-status">
                    {result.status === 'queued' ? 'Waiting for the kernel…' : result.status === 'running' ? 'Running…'
                      : result.status === 'ok' ? `Done in ${formatMillis(result.millis)}`
                      : result.status === 'cancelled' ? `Interrupted after ${formatMillis(result.millis)}`
                      : `Failed${result.millis !== undefined ? ` after ${formatMillis(result.millis)}` : ''}`}
                  </div>
                )}
              </div>
              <div className="pyn-cell-tools">
                <button type="button" className="ff-icon-button" aria-label={`Move cell ${index + 1} up`} title="Move up" disabled={index === 0} onClick={() => change(moveItem(cellsRef.current, index, index - 1), true)}>
                  <ChevronUp size={14} aria-hidden="true" />
                </button>
                <button type="button" className="ff-icon-button" aria-label={`Move cell ${index + 1} down`} title="Move down" disabled={index === cells.length - 1} onClick={() => change(moveItem(cellsRef.current, index, index + 1), true)}>
                  <ChevronDown size={14} aria-hidden="true" />
                </button>
                <button type="button" className="ff-icon-button is-danger" aria-label={`Delete cell ${index + 1}`} title="Delete the cell" disabled={cells.length === 1 || busy} onClick={() => change(cellsRef.current.filter((c) => c.key !== cell.key), true)}>
                  <Trash2 size={14} aria-hidden="true" />
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="pyn-add">
        <button type="button" className="button" onClick={() => { const added = newCell(); change([...cellsRef.current, added], true); focusCell(added.key); }}>
          <Plus size={14} aria-hidden="true" /> Add cell
        </button>
        <span className="muted pyn-keys">Shift+Enter runs a cell · Ctrl+Enter runs it and moves on · Ctrl+Space completes · hover a name for help</span>
      </div>
      {reference && <ApiReference onClose={() => setReference(false)} />}
    </div>
  );

  useEffect(() => {
    if (!expanded) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !reference && !(event.target as HTMLElement | null)?.closest('.cm-editor')) setExpanded(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [expanded, reference]);

  return expanded ? (
    <>
      <div className="pyn-placeholder muted">The notebook is open full screen.</div>
      {createPortal(<div className="pyn-fullscreen" role="dialog" aria-modal="true" aria-label={`Notebook of ${nodeId}`}>{body}</div>, document.body)}
    </>
  ) : body;
}
