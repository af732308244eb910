// The designer's state: the draft as the server last answered it, the node types, the selection,
// the run being watched and the preview. Every change is an edit sent to the server, one batch at a
// time in order; the answer (new revision, problems, schemas) replaces the draft.
import { create } from 'zustand';
import { api, call, ApiFailure } from '../../api/client';
import { followRun, type RunEvent } from '../../api/events';
import {
  documentOf,
  type DraftView, type FlowDocument, type FlowEditOp, type NodeTypeDto, type PreviewDto, type RunDto,
} from '../../api/types';

export type NodeRunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface NodeRun {
  state: NodeRunState;
  rows?: number;
  millis?: number;
  cached?: boolean;
  error?: string;
}

export interface LogLine {
  id: number;
  at: string;
  node?: string;
  level: 'info' | 'error' | 'output';
  text: string;
}

export interface RunView {
  id: string;
  state: string;
  mode: string;
  nodes: Record<string, NodeRun>;
  log: LogLine[];
  durationMillis?: number;
  errors: string[];
}

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'success';
  text: string;
}

export interface PreviewState {
  node: string;
  port: string;
  loading: boolean;
  data?: PreviewDto;
  error?: string;
}

interface DesignerState {
  draft?: DraftView;
  types: NodeTypeDto[];
  loadError?: string;
  saving: 'saved' | 'saving' | 'failed';
  selection: string[];
  focusField?: string;
  run?: RunView;
  preview?: PreviewState;
  notices: Notice[];
  bottomTab: 'preview' | 'log' | 'problems';
  load(id: string): Promise<void>;
  edit(edits: FlowEditOp[]): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  select(ids: string[], field?: string): void;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
  setBottomTab(tab: DesignerState['bottomTab']): void;
  startRun(mode: string, parameters: Record<string, string>): Promise<void>;
  cancelRun(): Promise<void>;
  showPreview(node: string, port?: string): Promise<void>;
}

let noticeCounter = 0;
let queue: Promise<unknown> = Promise.resolve();
let stopFollowing: (() => void) | undefined;

/** Runs request after request in order (edits must build on each other's revisions). */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

export const useDesigner = create<DesignerState>((set, get) => ({
  types: [],
  saving: 'saved',
  selection: [],
  notices: [],
  bottomTab: 'preview',

  async load(id) {
    stopFollowing?.();
    set({ draft: undefined, loadError: undefined, run: undefined, preview: undefined, selection: [] });
    try {
      const [draft, types] = await Promise.all([
        call(api.GET('/api/drafts/{id}', { params: { path: { id } } })),
        get().types.length ? Promise.resolve(get().types) : call(api.GET('/api/node-types')),
      ]);
      set({ draft, types });
      const lastRun = draft.lastRun as unknown as RunDto | undefined;
      if (lastRun?.id) {
        set({ run: runFromSummary(lastRun) });
        if (lastRun.state === 'queued' || lastRun.state === 'running') {
          watch(lastRun.id, set, get);
        }
      }
    } catch (failure) {
      set({ loadError: failure instanceof Error ? failure.message : String(failure) });
    }
  },

  edit(edits) {
    if (edits.length === 0) return Promise.resolve(true);
    set({ saving: 'saving' });
    return enqueue(async () => {
      const draft = get().draft;
      if (!draft?.id) return false;
      try {
        const next = await call(api.POST('/api/drafts/{id}/edits', {
          params: { path: { id: draft.id } },
          body: { revision: draft.revision, edits: edits as unknown as Record<string, never> },
        }));
        set({ draft: next, saving: 'saved' });
        return true;
      } catch (failure) {
        set({ saving: 'failed' });
        await handleEditFailure(failure, draft.id, set, get);
        return false;
      }
    });
  },

  undo() {
    return revisionStep('undo', set, get);
  },

  redo() {
    return revisionStep('redo', set, get);
  },

  select(ids, field) {
    set({ selection: ids, focusField: field });
  },

  notify(kind, text) {
    const id = ++noticeCounter;
    set({ notices: [...get().notices.filter((notice) => notice.text !== text), { id, kind, text }].slice(-4) });
    if (kind !== 'error') {
      setTimeout(() => get().dismiss(id), 5000);
    }
  },

  dismiss(id) {
    set({ notices: get().notices.filter((notice) => notice.id !== id) });
  },

  setBottomTab(tab) {
    set({ bottomTab: tab });
  },

  async startRun(mode, parameters) {
    const draft = get().draft;
    if (!draft?.id) return;
    await queue;
    try {
      const run = await call(api.POST('/api/drafts/{id}/runs', {
        params: { path: { id: draft.id } },
        body: { mode, parameters },
      }));
      set({ run: { ...runFromSummary(run), nodes: {}, log: [] }, bottomTab: 'log' });
      watch(run.id!, set, get);
    } catch (failure) {
      get().notify('error', 'The run did not start: ' + messageOf(failure));
    }
  },

  async cancelRun() {
    const run = get().run;
    if (!run) return;
    try {
      await call(api.POST('/api/runs/{id}/cancel', { params: { path: { id: run.id } } }));
    } catch (failure) {
      get().notify('error', 'The run could not be cancelled: ' + messageOf(failure));
    }
  },

  async showPreview(node, port = 'main') {
    const draft = get().draft;
    if (!draft?.id) return;
    set({ preview: { node, port, loading: true }, bottomTab: 'preview' });
    try {
      const data = await call(api.POST('/api/drafts/{id}/preview', {
        params: { path: { id: draft.id } },
        body: { node, port, limit: 100 },
      }));
      if (get().preview?.node === node) set({ preview: { node, port, loading: false, data } });
    } catch (failure) {
      if (get().preview?.node === node) set({ preview: { node, port, loading: false, error: messageOf(failure) } });
    }
  },
}));

type Setter = (partial: Partial<DesignerState>) => void;
type Getter = () => DesignerState;

export function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

async function revisionStep(step: 'undo' | 'redo', set: Setter, get: Getter) {
  set({ saving: 'saving' });
  await enqueue(async () => {
    const draft = get().draft;
    if (!draft?.id) return;
    try {
      const request = step === 'undo'
        ? api.POST('/api/drafts/{id}/undo', { params: { path: { id: draft.id } }, body: { revision: draft.revision } })
        : api.POST('/api/drafts/{id}/redo', { params: { path: { id: draft.id } }, body: { revision: draft.revision } });
      set({ draft: await call(request), saving: 'saved' });
    } catch (failure) {
      set({ saving: 'failed' });
      await handleEditFailure(failure, draft.id, set, get);
    }
  });
}

/**
 * A stale revision means someone else (another tab or user) changed the draft: say so, and load
 * what is there now instead of overwriting it. Other refusals keep the draft as it was.
 */
async function handleEditFailure(failure: unknown, id: string, set: Setter, get: Getter) {
  if (failure instanceof ApiFailure && failure.status === 409) {
    get().notify('error', 'This flow was changed elsewhere (another tab or user) — your last change was not applied. '
      + 'The flow now shows the latest version; make the change again if it is still needed.');
    try {
      set({ draft: await call(api.GET('/api/drafts/{id}', { params: { path: { id } } })), saving: 'saved' });
    } catch (reload) {
      get().notify('error', 'The flow could not be reloaded: ' + messageOf(reload));
    }
    return;
  }
  const problems = failure instanceof ApiFailure && failure.problems.length
    ? ': ' + failure.problems.map((problem) => problem.message).join('; ')
    : '';
  get().notify('error', 'The change was refused — ' + messageOf(failure) + problems);
}

function runFromSummary(run: RunDto): RunView {
  const nodes: Record<string, NodeRun> = {};
  for (const [id, outcome] of Object.entries(run.nodes ?? {})) {
    nodes[id] = {
      state: (outcome.state ?? 'queued') as NodeRunState,
      rows: outcome.rows ?? undefined,
      millis: outcome.millis ?? undefined,
      cached: outcome.cached ?? undefined,
      error: outcome.error ?? undefined,
    };
  }
  return {
    id: run.id!,
    state: run.state ?? 'queued',
    mode: run.mode ?? 'performance',
    nodes,
    log: [],
    durationMillis: run.durationMillis ?? undefined,
    errors: (run.errors ?? []).map((problem) => (problem.node ? problem.node + ': ' : '') + problem.message),
  };
}

function watch(runId: string, set: Setter, get: Getter) {
  stopFollowing?.();
  stopFollowing = followRun(runId, (event) => apply(event, runId, set, get), (message) => get().notify('error', message));
}

function apply(event: RunEvent, runId: string, set: Setter, get: Getter) {
  const current = get().run;
  if (!current || current.id !== runId) return;
  const run: RunView = { ...current, nodes: { ...current.nodes }, log: current.log };
  const node = typeof event.data.node === 'string' ? event.data.node : undefined;
  const at = typeof event.data.at === 'string' ? event.data.at : new Date().toISOString();
  const line = (level: LogLine['level'], text: string) => {
    run.log = [...run.log, { id: event.id, at, node, level, text }].slice(-2000);
  };
  switch (event.event) {
    case 'run':
      run.state = String(event.data.state ?? run.state);
      line('info', 'Run ' + run.state);
      break;
    case 'queued':
    case 'running':
    case 'skipped':
    case 'cancelled':
      if (node) {
        run.nodes[node] = { ...run.nodes[node], state: event.event };
        line('info', event.event + (typeof event.data.reason === 'string' ? ': ' + event.data.reason : ''));
      }
      break;
    case 'succeeded':
      if (node) {
        const rows = numberOrUndefined(event.data.rows);
        const millis = numberOrUndefined(event.data.millis);
        run.nodes[node] = { state: 'succeeded', rows, millis, cached: event.data.cached === true };
        line('info', `succeeded: ${rows ?? '?'} rows in ${millis ?? '?'} ms${event.data.cached ? ' (cached)' : ''}`
          + (event.data.fusedInto ? ` (fused into ${event.data.fusedInto})` : ''));
      }
      break;
    case 'failed': {
      const message = String(event.data.message ?? event.data.error ?? 'failed');
      if (node) run.nodes[node] = { ...run.nodes[node], state: 'failed', error: message };
      line('error', 'failed: ' + message);
      break;
    }
    case 'output':
      line('output', String(event.data.text ?? ''));
      break;
    case 'display':
    case 'exchanged':
      line('info', event.event);
      break;
    case 'end': {
      const summary = (event.data.run ?? {}) as RunDto;
      const finished = runFromSummary({ ...summary, id: runId, state: String(event.data.state ?? summary.state) });
      run.state = finished.state;
      run.durationMillis = finished.durationMillis;
      run.errors = finished.errors;
      for (const [id, outcome] of Object.entries(finished.nodes)) {
        run.nodes[id] = { ...run.nodes[id], ...outcome };
      }
      line(run.state === 'succeeded' ? 'info' : 'error', `Run ${run.state}`
        + (run.durationMillis !== undefined ? ` in ${run.durationMillis} ms` : '')
        + (run.errors.length ? ': ' + run.errors.join('; ') : '')
        + (typeof event.data.reason === 'string' ? ` (${event.data.reason})` : ''));
      const preview = get().preview;
      if (preview) void get().showPreview(preview.node, preview.port);
      break;
    }
  }
  set({ run });
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export function flowOf(draft: DraftView | undefined): FlowDocument | undefined {
  return draft ? documentOf(draft) : undefined;
}
