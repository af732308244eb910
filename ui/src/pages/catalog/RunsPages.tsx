// The run history (every registered flow's runs, filtered) and one run: its nodes on a timeline,
// each node's state, rows, time and error, its log, its displays; a live run updates until it ends.
import { useEffect, useMemo, useState } from 'react';
import { RefreshCw, Square } from 'lucide-react';
import { api, call, raw } from '../../api/client';
import { PLOTLY_MIME, PlotlyFigure, plotlyFigure } from '../../components/PlotlyFigure';
import { followRun, type RunEvent } from '../../api/events';
import type { FlowDocument, RunDto } from '../../api/types';
import { messageOf, useDesigner, type NodeRun, type NodeRunState } from '../designer/store';
import { FlowCanvas } from './FlowCanvas';
import {
  Link, Loading, StateBadge, flowPath, formatDuration, formatRowCount, formatTime, isFinal, runPath, shortId, stateOf,
  useLoad, useNodeTypes, versionPath, type CatalogRun, type CatalogRunDetail, type Display, type NodeResult, type Representation,
} from './common';

export function RunsTable(props: { runs: CatalogRun[]; showFlow?: boolean }) {
  const showFlow = props.showFlow ?? true;
  return (
    <table className="catalog-table" aria-label="Runs">
      <thead>
        <tr><th>Run</th>{showFlow && <th>Flow</th>}<th>Version</th><th>State</th><th>Trigger</th><th>By</th><th>Queued</th><th>Duration</th><th>Error</th></tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr key={run.id} data-run={run.id}>
            <td><Link to={runPath(run.id!)} className="mono" label={'Run ' + run.id}>{shortId(run.id)}</Link></td>
            {showFlow && <td><Link to={flowPath(run.flow!)}>{run.flow}</Link></td>}
            <td><Link to={versionPath(run.flow!, run.version!)}>v{run.version}</Link></td>
            <td><StateBadge state={run.state} /></td>
            <td className="muted">{stateOf(run.trigger)}</td>
            <td className="muted">{run.startedBy ?? '—'}</td>
            <td className="muted">{formatTime(run.queued)}</td>
            <td className="num">{formatDuration(run.durationMillis)}</td>
            <td className="error-cell" title={run.error?.message}>{run.error?.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const TRIGGERS = ['manual', 'schedule', 'api', 'cli'];
const PERIODS: { value: string; label: string; millis?: number }[] = [
  { value: '', label: 'Any time' },
  { value: '1h', label: 'Last hour', millis: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', millis: 86_400_000 },
  { value: '7d', label: 'Last 7 days', millis: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', millis: 30 * 86_400_000 },
];
const LIMIT = 500;

interface Filters {
  flow: string;
  state: string;
  trigger: string;
  since: string;
}

/** The newest runs the user may see, filtered by the server (GET /api/catalog/runs). */
async function loadRuns(filters: Filters): Promise<CatalogRun[]> {
  const period = PERIODS.find((entry) => entry.value === filters.since)?.millis;
  const query: Record<string, string> = { limit: String(LIMIT) };
  if (filters.flow) query.flow = filters.flow;
  if (filters.state) query.state = filters.state;
  if (filters.trigger) query.trigger = filters.trigger;
  if (period) query.since = new Date(Date.now() - period).toISOString();
  return call(api.GET('/api/catalog/runs', { params: { query } }));
}

export function RunsHistory() {
  const [filters, setFilters] = useState<Filters>(() => {
    const query = new URLSearchParams(location.search);
    return { flow: query.get('flow') ?? '', state: query.get('state') ?? '', trigger: query.get('trigger') ?? '', since: query.get('since') ?? '' };
  });
  const flows = useLoad(() => call(api.GET('/api/flows')), []);
  const runs = useLoad(() => loadRuns(filters), [filters.flow, filters.state, filters.trigger, filters.since]);
  const change = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    setFilters(merged);
    const query = new URLSearchParams(Object.entries(merged).filter(([, value]) => value !== ''));
    history.replaceState(null, '', '/catalog/runs' + (query.size ? '?' + query.toString() : ''));
  };
  const filtered = filters.flow || filters.state || filters.trigger || filters.since;

  return (
    <>
      <div className="catalog-toolbar">
        <h1 className="grow">Runs</h1>
        <button className="button icon" aria-label="Refresh" title="Refresh" onClick={runs.reload}><RefreshCw size={15} /></button>
      </div>
      <div className="filters" role="search" aria-label="Filter runs">
        <label>Flow
          <select className="input" aria-label="Flow" value={filters.flow} onChange={(event) => change({ flow: event.target.value })}>
            <option value="">All flows</option>
            {(flows.data ?? []).map((flow) => <option key={flow.name} value={flow.name}>{flow.name}</option>)}
            {filters.flow && !(flows.data ?? []).some((flow) => flow.name === filters.flow) && <option value={filters.flow}>{filters.flow}</option>}
          </select>
        </label>
        <label>State
          <select className="input" aria-label="State" value={filters.state} onChange={(event) => change({ state: event.target.value })}>
            <option value="">Any state</option>
            {STATES.map((state) => <option key={state} value={state}>{state}</option>)}
          </select>
        </label>
        <label>Trigger
          <select className="input" aria-label="Trigger" value={filters.trigger} onChange={(event) => change({ trigger: event.target.value })}>
            <option value="">Any trigger</option>
            {TRIGGERS.map((trigger) => <option key={trigger} value={trigger}>{trigger}</option>)}
          </select>
        </label>
        <label>Queued
          <select className="input" aria-label="Queued" value={filters.since} onChange={(event) => change({ since: event.target.value })}>
            {PERIODS.map((period) => <option key={period.value} value={period.value}>{period.label}</option>)}
          </select>
        </label>
        {filtered && <button className="button" onClick={() => change({ flow: '', state: '', trigger: '', since: '' })}>Clear filters</button>}
      </div>
      <Loading loaded={runs} what="The runs">
        {(shown) => shown.length === 0
          ? filtered
            ? <div className="empty">No run matches these filters.</div>
            : <div className="empty">No runs yet. Runs of registered versions (from the catalog, the API or the command line) are kept here.</div>
          : <>
            <RunsTable runs={shown} />
            <p className="muted small">{shown.length === LIMIT ? `The newest ${LIMIT} runs` : `${shown.length} run${shown.length === 1 ? '' : 's'}`}{filtered ? ' matching these filters' : ''}.</p>
          </>}
      </Loading>
    </>
  );
}

interface LogLine {
  id: number;
  at: string;
  node?: string;
  level: 'info' | 'error' | 'output';
  text: string;
}

/** What a run's events told: each node's state and its start and end times, and the log. */
interface LiveView {
  state?: string;
  nodes: Record<string, NodeRun & { start?: string; end?: string }>;
  log: LogLine[];
  started?: string;
  ended: boolean;
  lost?: string;
}

function applyEvent(view: LiveView, event: RunEvent): LiveView {
  const next: LiveView = { ...view, nodes: { ...view.nodes } };
  const node = typeof event.data.node === 'string' ? event.data.node : undefined;
  const at = typeof event.data.at === 'string' ? event.data.at : new Date().toISOString();
  const line = (level: LogLine['level'], text: string) => {
    next.log = [...view.log, { id: event.id, at, node, level, text }].slice(-5000);
  };
  const patch = (values: Partial<LiveView['nodes'][string]>) => {
    if (node) next.nodes[node] = { ...(next.nodes[node] ?? { state: 'queued' }), ...values };
  };
  switch (event.event) {
    case 'run':
      next.state = stateOf(String(event.data.state ?? next.state));
      if (next.state === 'running' && !next.started) next.started = at;
      next.started ??= at;
      line('info', 'Run ' + next.state);
      break;
    case 'queued':
      patch({ state: 'queued' });
      line('info', 'queued');
      break;
    case 'running':
      patch({ state: 'running', start: at });
      line('info', 'running');
      break;
    case 'skipped':
    case 'cancelled':
      patch({ state: event.event as NodeRunState, end: at });
      line('info', event.event + (typeof event.data.reason === 'string' ? ': ' + event.data.reason : ''));
      break;
    case 'succeeded': {
      const rows = typeof event.data.rows === 'number' ? event.data.rows : undefined;
      const millis = typeof event.data.millis === 'number' ? event.data.millis : undefined;
      const start = next.nodes[node ?? '']?.start ?? (millis !== undefined ? new Date(Date.parse(at) - millis).toISOString() : undefined);
      patch({ state: 'succeeded', rows, millis, cached: event.data.cached === true, start, end: at });
      line('info', `succeeded: ${rows ?? '?'} rows in ${millis ?? '?'} ms${event.data.cached ? ' (cached)' : ''}`
        + (event.data.fusedInto ? ` (fused into ${String(event.data.fusedInto)})` : ''));
      break;
    }
    case 'failed': {
      const message = String(event.data.message ?? event.data.error ?? 'failed');
      patch({ state: 'failed', error: message, end: at });
      line('error', 'failed: ' + message);
      break;
    }
    case 'output':
      line('output', String(event.data.text ?? ''));
      break;
    case 'display':
      line('info', 'displayed ' + (typeof event.data.title === 'string' ? `“${event.data.title}”` : 'an output'));
      break;
    case 'exchanged':
      line('info', 'exchanged data with its kernel');
      break;
    case 'end': {
      next.state = stateOf(String(event.data.state ?? next.state));
      next.ended = true;
      const reason = typeof event.data.reason === 'string' ? ` (${event.data.reason})` : '';
      line(next.state === 'succeeded' ? 'info' : 'error', `Run ${next.state}${reason}`);
      break;
    }
  }
  return next;
}

/** A run of this server: its live state from its events (replayed from the first when it ended). */
function useLiveRun(id: string, onEnd: () => void): { live?: LiveView; cancel: () => Promise<void> } {
  const [live, setLive] = useState<LiveView>();
  useEffect(() => {
    let stop: (() => void) | undefined;
    let active = true;
    setLive(undefined);
    call(api.GET('/api/runs/{id}', { params: { path: { id } } })).then((run: RunDto) => {
      if (!active) return;
      setLive({ state: stateOf(run.state), nodes: {}, log: [], started: run.started ?? undefined, ended: false });
      stop = followRun(id, (event) => {
        setLive((view) => (view ? applyEvent(view, event) : view));
        if (event.event === 'end') onEnd();
      }, (message) => setLive((view) => (view ? { ...view, lost: message } : view)));
    }, () => undefined /* not a run of this server (any more): the catalog's record is all there is */);
    return () => {
      active = false;
      stop?.();
    };
  }, [id, onEnd]);
  const cancel = async () => {
    try {
      await call(api.POST('/api/runs/{id}/cancel', { params: { path: { id } } }));
    } catch (failure) {
      useDesigner.getState().notify('error', 'The run could not be cancelled: ' + messageOf(failure));
    }
  };
  return { live, cancel };
}

export function RunDetail(props: { id: string }) {
  const { id } = props;
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const detail = useLoad(() => (valid ? call(api.GET('/api/catalog/runs/{id}', { params: { path: { id } } }))
    : Promise.reject(new Error(`'${id}' is not a run id`))), [id]);
  const { reload } = detail;
  const { live, cancel } = useLiveRun(id, reload);
  const running = live !== undefined && !live.ended && !isFinal(live.state);
  // While the run goes on, the catalog's record is read again now and then (node results land there).
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [running, reload]);

  return (
    <Loading loaded={detail} what="The run">
      {(data) => <RunBody detail={data} live={live} running={running} onCancel={() => void cancel()} />}
    </Loading>
  );
}

interface NodeRow {
  node: string;
  type?: string;
  state: string;
  rows?: number;
  millis?: number;
  cached?: boolean;
  error?: string;
  start?: number;
  end?: number;
}

function RunBody(props: { detail: CatalogRunDetail; live?: LiveView; running: boolean; onCancel: () => void }) {
  const { detail, live } = props;
  const run = detail.run!;
  const types = useNodeTypes();
  const document = useLoad(async () => (await call(api.GET('/api/flows/{name}/versions/{version}', {
    params: { path: { name: run.flow!, version: run.version! } },
  }))) as unknown as FlowDocument, [run.flow, run.version]);
  const state = props.running ? live?.state ?? run.state : run.state;
  const runStart = Date.parse(run.started ?? live?.started ?? run.queued ?? '');

  const rows: NodeRow[] = useMemo(() => {
    const byId = new Map<string, NodeRow>();
    const order = document.data?.nodes.map((node) => node.id) ?? [];
    for (const node of order) byId.set(node, { node, type: document.data!.nodes.find((entry) => entry.id === node)?.type, state: 'queued' });
    for (const result of detail.nodes ?? []) byId.set(result.node!, fromResult(result, runStart));
    for (const [node, seen] of Object.entries(live?.nodes ?? {})) {
      const known = byId.get(node) ?? { node, state: seen.state };
      const settled = isFinalNode(known.state) && (detail.nodes ?? []).some((result) => result.node === node);
      byId.set(node, {
        ...known,
        state: settled ? known.state : seen.state,
        rows: known.rows ?? seen.rows,
        millis: known.millis ?? seen.millis,
        error: known.error ?? seen.error,
        start: seen.start && !Number.isNaN(runStart) ? Math.max(0, Date.parse(seen.start) - runStart) : known.start,
        end: seen.end && !Number.isNaN(runStart) ? Math.max(0, Date.parse(seen.end) - runStart) : known.end,
      });
    }
    return [...byId.values()];
  }, [detail.nodes, live, document.data, runStart]);

  const nodeRuns = useMemo(() => {
    const map: Record<string, NodeRun> = {};
    for (const row of rows) map[row.node] = { state: row.state as NodeRunState, rows: row.rows, millis: row.millis, cached: row.cached, error: row.error };
    return map;
  }, [rows]);
  const parameters = Object.entries(run.parameters ?? {});

  return (
    <>
      <div className="catalog-toolbar">
        <div className="grow">
          <h1>Run <span className="mono">{shortId(run.id)}</span> <StateBadge state={state} /></h1>
          <p className="muted subtitle">
            <Link to={flowPath(run.flow!)}>{run.flow}</Link> <Link to={versionPath(run.flow!, run.version!)}>v{run.version}</Link>
            {' · '}{stateOf(run.trigger)}{run.startedBy ? ' by ' + run.startedBy : ''}
            {' · queued '}{formatTime(run.queued)}
            {run.durationMillis !== undefined && <> · took {formatDuration(run.durationMillis)}</>}
          </p>
        </div>
        {props.running && <button className="button danger" onClick={props.onCancel}><Square size={14} /> Cancel run</button>}
      </div>
      <div className="run-facts">
        <dl className="kv inline">
          <div><dt>Run id</dt><dd className="mono">{run.id}</dd></div>
          <div><dt>Started</dt><dd>{formatTime(run.started) || '—'}</dd></div>
          <div><dt>Finished</dt><dd>{formatTime(run.finished) || (props.running ? 'still running' : '—')}</dd></div>
          <div><dt>Parameters</dt><dd>{parameters.length === 0 ? <span className="muted">defaults</span>
            : parameters.map(([key, value]) => <span key={key} className="param-chip mono">{key}={value}</span>)}</dd></div>
        </dl>
        {run.error && <p className="error-text" role="alert">{run.error.name}: {run.error.message}</p>}
        {live?.lost && <p className="error-text">{live.lost}</p>}
      </div>
      <section aria-label="Nodes">
        <h2>Nodes</h2>
        <NodesTimeline rows={rows} total={run.durationMillis ?? undefined} running={props.running} />
      </section>
      {document.data && (
        <section aria-label="Flow">
          <h2>Flow</h2>
          <div className="run-canvas">
            <FlowCanvas document={document.data} types={types} runs={nodeRuns} label={`The nodes of run ${shortId(run.id)}`} />
          </div>
        </section>
      )}
      <section aria-label="Log">
        <h2>Log</h2>
        {live ? <RunLog lines={live.log} /> : (
          <p className="muted">The catalog keeps each node's result (above) and what the nodes displayed (below), not the live log:
            this run's events are no longer on the server.</p>
        )}
      </section>
      <Displays runId={run.id!} count={detail.displays ?? 0} running={props.running} />
    </>
  );
}

function isFinalNode(state: string): boolean {
  return ['succeeded', 'failed', 'skipped', 'cancelled'].includes(state);
}

/** Milliseconds from the run's start to an instant the catalog kept, or undefined when either is not known. */
function offset(instant: string | null | undefined, runStart: number): number | undefined {
  if (!instant || Number.isNaN(runStart)) return undefined;
  const at = Date.parse(instant);
  return Number.isNaN(at) ? undefined : Math.max(0, at - runStart);
}

function fromResult(result: NodeResult, runStart: number): NodeRow {
  return {
    start: offset(result.started, runStart),
    end: offset(result.finished, runStart),
    node: result.node!,
    type: result.type,
    state: stateOf(result.state),
    rows: result.rows ?? undefined,
    millis: result.millis ?? undefined,
    cached: result.cached,
    error: result.error ? `${result.error.name}: ${result.error.message}` : undefined,
  };
}

/** Every node with its state, rows, time and error, and a bar from its start to its end. */
function NodesTimeline(props: { rows: NodeRow[]; total?: number; running: boolean }) {
  const { rows } = props;
  const timed = rows.some((row) => row.start !== undefined);
  const scale = Math.max(1, props.total ?? 0, ...rows.map((row) => row.end ?? (row.start ?? 0) + (row.millis ?? 0)),
    ...(timed ? [] : rows.map((row) => row.millis ?? 0)));
  return (
    <>
      <table className="catalog-table nodes-table" aria-label="Node results">
        <thead><tr><th>Node</th><th>Type</th><th>State</th><th className="num">Rows</th><th className="num">Time</th><th className="timeline-head">Timeline <span className="muted">(0 – {formatDuration(Math.round(scale))})</span></th><th>Error</th></tr></thead>
        <tbody>
          {rows.map((row) => {
            const start = timed ? row.start : 0;
            const length = row.end !== undefined && start !== undefined ? row.end - start : row.millis;
            return (
              <tr key={row.node} data-node={row.node} data-state={row.state}>
                <td className="mono">{row.node}</td>
                <td className="muted">{row.type}</td>
                <td><StateBadge state={row.state} /></td>
                <td className="num" data-rows={row.rows}>{formatRowCount(row.rows)}</td>
                <td className="num">{formatDuration(row.millis)}{row.cached ? <span className="muted"> · cached</span> : null}</td>
                <td className="timeline-cell">
                  {start !== undefined && length !== undefined && (
                    <div className="timeline-track" title={`${row.node}: ${formatDuration(Math.round(start))} → ${formatDuration(Math.round(start + length))}`}>
                      <div className={'timeline-bar state-' + row.state}
                        style={{ left: `${(start / scale) * 100}%`, width: `max(3px, ${(length / scale) * 100}%)` }} />
                    </div>
                  )}
                  {start === undefined && row.state === 'running' && <div className="timeline-track"><div className="timeline-bar state-running indeterminate" /></div>}
                </td>
                <td className="error-cell" title={row.error}>{row.error}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!timed && rows.some((row) => row.millis !== undefined) && (
        <p className="muted small">The catalog records how long each node took, not when it started: the bars show durations from the run's start.</p>
      )}
    </>
  );
}

function RunLog(props: { lines: LogLine[] }) {
  if (props.lines.length === 0) return <p className="muted">Waiting for the run's events…</p>;
  return (
    <div className="run-log" role="log" aria-label="Run log">
      {props.lines.map((line, index) => (
        <div key={line.id + ':' + index} className={'log-line ' + line.level}>
          <span className="muted">{new Date(line.at).toLocaleTimeString()}</span>
          <span className="mono log-node">{line.node ?? ''}</span>
          <span className="log-text">{line.text}</span>
        </div>
      ))}
    </div>
  );
}

function Displays(props: { runId: string; count: number; running: boolean }) {
  const displays = useLoad(() => call(api.GET('/api/catalog/runs/{id}/displays', { params: { path: { id: props.runId } } })),
    [props.runId, props.count]);
  return (
    <section aria-label="Displays">
      <h2>Displays</h2>
      <Loading loaded={displays} what="The displays">
        {(list) => list.length === 0
          ? <p className="muted">No displays{props.running ? ' yet' : ''}: a Python Script node shows charts, tables and images here with <span className="mono">flowfile.display(…)</span>.</p>
          : <div className="displays">{list.map((display) => <DisplayCard key={display.seq} display={display} />)}</div>}
      </Loading>
    </section>
  );
}

/** The richest representation a browser can show safely: a Plotly figure, an image, sandboxed HTML, JSON, then text. */
const PREFERENCE = [PLOTLY_MIME, 'image/png', 'image/jpeg', 'image/gif', 'image/svg+xml', 'text/html', 'application/json', 'text/markdown', 'text/plain'];

function DisplayCard(props: { display: Display }) {
  const representations = props.display.representations ?? [];
  const best = [...representations].sort((a, b) => rank(a) - rank(b))[0];
  return (
    <figure className="display" data-seq={props.display.seq}>
      <figcaption><span className="mono">{props.display.node}</span>{props.display.title ? ' — ' + props.display.title : ''}
        <span className="muted"> · {representations.map((entry) => entry.mimeType).join(', ')}</span></figcaption>
      {best && <Representation representation={best} title={props.display.title ?? props.display.node ?? 'display'} />}
    </figure>
  );
}

function rank(representation: Representation): number {
  const index = PREFERENCE.indexOf(representation.mimeType ?? '');
  return index < 0 ? PREFERENCE.length : index;
}

function Representation(props: { representation: Representation; title: string }) {
  const { representation } = props;
  const type = representation.mimeType ?? '';
  const [text, setText] = useState<string>();
  const textual = !type.startsWith('image/') && type !== 'text/html';
  useEffect(() => {
    if (!textual) return;
    let live = true;
    raw(representation.content!).then((response) => response.text()).then(
      (body) => { if (live) setText(body); },
      (failure: unknown) => { if (live) setText('(could not be loaded: ' + messageOf(failure) + ')'); },
    );
    return () => { live = false; };
  }, [representation.content, textual]);
  const figure = useMemo(() => (type === PLOTLY_MIME && text !== undefined ? plotlyFigure(text) : undefined), [type, text]);
  if (figure) return <PlotlyFigure figure={figure} className="display-plotly" title={props.title} />;
  if (type.startsWith('image/')) return <img className="display-image" src={representation.content} alt={props.title} />;
  if (type === 'text/html') {
    return <iframe className="display-html" sandbox="allow-scripts" src={representation.content} title={props.title} />;
  }
  if (type === 'application/json' && text !== undefined) {
    let pretty = text;
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* shown as it came */
    }
    return <pre className="display-text">{pretty}</pre>;
  }
  return <pre className="display-text">{text ?? 'Loading…'}</pre>;
}
