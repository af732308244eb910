// Registered flows: the list, one flow's versions (with its runs and flow-scoped artifacts), a
// version read-only on a canvas, two versions compared, and running or opening a version.
import { useMemo, useState } from 'react';
import { ArrowRight, Download, FilePen, GitCompare, Play } from 'lucide-react';
import { api, call } from '../../api/client';
import type { FlowDocument, NodeTypeDto } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { navigate } from '../../components/navigation';
import { formatBytes } from '../../components/format';
import { messageOf, useDesigner } from '../designer/store';
import { FlowArtifactsSection } from './ArtifactsPages';
import { FlowCanvas, mergedForDiff, type DiffMark } from './FlowCanvas';
import { RunsTable } from './RunsPages';
import {
  Hash, Link, Loading, StateBadge, flowPath, formatTime, runPath, showValue, useLoad, useNodeTypes, versionPath,
  type Diff, type Version,
} from './common';

async function loadVersion(name: string, version: number): Promise<FlowDocument> {
  const document = await call(api.GET('/api/flows/{name}/versions/{version}', { params: { path: { name, version } } }));
  return document as unknown as FlowDocument;
}

function exportHref(name: string, version: number): string {
  return `/api/flows/${encodeURIComponent(name)}/versions/${version}/export?format=yaml`;
}

/** Opens a version as a new draft of the user and goes to the designer. */
async function openAsDraft(name: string, version: number) {
  try {
    const draft = await call(api.POST('/api/flows/{name}/versions/{version}/draft', { params: { path: { name, version } } }));
    navigate('/drafts/' + draft.id);
  } catch (failure) {
    useDesigner.getState().notify('error', `Version ${version} of '${name}' could not be opened as a draft: ` + messageOf(failure));
  }
}

export function FlowsList() {
  const flows = useLoad(() => call(api.GET('/api/flows')), []);
  const [search, setSearch] = useState('');
  return (
    <>
      <div className="catalog-toolbar">
        <h1>Registered flows</h1>
        <input className="input" type="search" placeholder="Search flows" aria-label="Search flows" value={search}
          onChange={(event) => setSearch(event.target.value)} />
      </div>
      <Loading loaded={flows} what="The flows">
        {(list) => {
          const needle = search.trim().toLowerCase();
          const shown = list.filter((flow) => !needle || flow.name!.toLowerCase().includes(needle)
            || (flow.description ?? '').toLowerCase().includes(needle));
          if (list.length === 0) {
            return <div className="empty">No registered flows yet. Register a draft from the designer to keep its first version.</div>;
          }
          if (shown.length === 0) return <div className="empty">No flow matches “{search}”.</div>;
          return (
            <table className="catalog-table" aria-label="Registered flows">
              <thead><tr><th>Name</th><th>Description</th><th>Latest</th><th>Registered</th><th>By</th><th /></tr></thead>
              <tbody>
                {shown.map((flow) => (
                  <tr key={flow.name}>
                    <td><Link to={flowPath(flow.name!)}>{flow.name}</Link></td>
                    <td className="muted">{flow.description}</td>
                    <td>{flow.latest && <Link to={versionPath(flow.name!, flow.latest.version!)}>v{flow.latest.version}</Link>}</td>
                    <td className="muted">{formatTime(flow.latest?.created)}</td>
                    <td className="muted">{flow.latest?.createdBy}</td>
                    <td className="row-actions">
                      <Link to={'/catalog/runs?flow=' + encodeURIComponent(flow.name!)}>Runs</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Loading>
    </>
  );
}

export function FlowDetail(props: { name: string }) {
  const { name } = props;
  const flow = useLoad(() => call(api.GET('/api/flows/{name}', { params: { path: { name } } })), [name]);
  const versions = useLoad(() => call(api.GET('/api/flows/{name}/versions', { params: { path: { name } } })), [name]);
  const runs = useLoad(() => call(api.GET('/api/flows/{name}/runs', { params: { path: { name }, query: { limit: '20' } } })), [name]);
  const [running, setRunning] = useState<number>();
  const [compareFrom, setCompareFrom] = useState<number>();
  const [compareTo, setCompareTo] = useState<number>();
  const list = versions.data ?? [];
  const latest = list.length ? list[list.length - 1].version! : undefined;
  const from = compareFrom ?? (latest !== undefined && latest > 1 ? latest - 1 : latest);
  const to = compareTo ?? latest;

  return (
    <>
      <Loading loaded={flow} what="The flow">
        {(found) => (
          <div className="catalog-toolbar">
            <div className="grow">
              <h1>{found.name}</h1>
              {found.description && <p className="muted subtitle">{found.description}</p>}
            </div>
            {found.latest && <>
              <button className="button" onClick={() => void openAsDraft(name, found.latest!.version!)}><FilePen size={15} /> Open latest as draft</button>
              <button className="button primary" onClick={() => setRunning(found.latest!.version!)}><Play size={15} /> Run latest…</button>
            </>}
          </div>
        )}
      </Loading>
      <section aria-label="Versions">
        <div className="section-head">
          <h2>Versions</h2>
          {list.length > 1 && (
            <div className="compare-picker">
              <label>Compare <VersionSelect label="Compare from" versions={list} value={from} onChange={setCompareFrom} /></label>
              <ArrowRight size={14} className="muted" />
              <VersionSelect label="Compare to" versions={list} value={to} onChange={setCompareTo} />
              <button className="button" disabled={from === to}
                onClick={() => navigate(`${flowPath(name)}/compare?from=${from}&to=${to}`)}><GitCompare size={15} /> Compare</button>
            </div>
          )}
        </div>
        <Loading loaded={versions} what="The versions">
          {(all) => (
            <table className="catalog-table" aria-label="Versions">
              <thead><tr><th>Version</th><th>Registered</th><th>By</th><th>SHA-256</th><th>Size</th><th /></tr></thead>
              <tbody>
                {[...all].reverse().map((version) => (
                  <tr key={version.version} data-version={version.version}>
                    <td><Link to={versionPath(name, version.version!)}>v{version.version}</Link></td>
                    <td className="muted">{formatTime(version.created)}</td>
                    <td>{version.createdBy ?? <span className="muted">unknown</span>}</td>
                    <td><Hash value={version.sha256} /></td>
                    <td className="muted">{formatBytes(version.sizeBytes)}</td>
                    <td className="row-actions">
                      <Link className="button" to={versionPath(name, version.version!)} label={`View v${version.version}`}>View</Link>
                      <button className="button" aria-label={`Run v${version.version}`} onClick={() => setRunning(version.version!)}><Play size={14} /> Run…</button>
                      <button className="button" aria-label={`Open v${version.version} as draft`}
                        onClick={() => void openAsDraft(name, version.version!)}><FilePen size={14} /> Open as draft</button>
                      <a className="button icon" href={exportHref(name, version.version!)} download title="Download as YAML"
                        aria-label={`Download v${version.version} as YAML`}><Download size={14} /></a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loading>
      </section>
      <section aria-label="Recent runs">
        <div className="section-head">
          <h2>Recent runs</h2>
          <Link to={'/catalog/runs?flow=' + encodeURIComponent(name)}>All runs of this flow</Link>
        </div>
        <Loading loaded={runs} what="The runs">
          {(list) => list.length === 0
            ? <div className="empty">This flow has not run yet (or not by you). <b>Run…</b> a version above.</div>
            : <RunsTable runs={list} showFlow={false} />}
        </Loading>
      </section>
      <FlowSchedulesSection flow={name} />
      <FlowArtifactsSection flow={name} />
      {running !== undefined && <RunDialog name={name} version={running} onClose={() => setRunning(undefined)} />}
    </>
  );
}

function VersionSelect(props: { label: string; versions: Version[]; value: number | undefined; onChange: (value: number) => void }) {
  return (
    <select className="input" aria-label={props.label} value={props.value ?? ''} onChange={(event) => props.onChange(Number(event.target.value))}>
      {props.versions.map((version) => <option key={version.version} value={version.version}>v{version.version}</option>)}
    </select>
  );
}

/** One version read-only: the canvas, and the selected node's settings (or the flow's parameters). */
export function VersionView(props: { name: string; version: number }) {
  const { name, version } = props;
  const types = useNodeTypes();
  const document = useLoad(() => loadVersion(name, version), [name, version]);
  const versions = useLoad(() => call(api.GET('/api/flows/{name}/versions', { params: { path: { name } } })), [name]);
  const [selected, setSelected] = useState<string>();
  const [running, setRunning] = useState(false);
  const info = versions.data?.find((entry) => entry.version === version);
  const last = versions.data?.length ? versions.data[versions.data.length - 1].version : undefined;
  return (
    <>
      <div className="catalog-toolbar">
        <div className="grow">
          <h1>{name} <span className="version-tag">v{version}</span> <span className="readonly-tag">read-only</span></h1>
          {info && <p className="muted subtitle">Registered {formatTime(info.created)}{info.createdBy ? ' by ' + info.createdBy : ''} · SHA-256 <Hash value={info.sha256} />{last === version ? ' · latest' : ''}</p>}
        </div>
        {version > 1 && (
          <Link className="button" to={`${flowPath(name)}/compare?from=${version - 1}&to=${version}`}><GitCompare size={15} /> Compare with v{version - 1}</Link>
        )}
        <a className="button icon" href={exportHref(name, version)} download title="Download as YAML" aria-label="Download as YAML"><Download size={15} /></a>
        <button className="button" onClick={() => void openAsDraft(name, version)}><FilePen size={15} /> Open as draft</button>
        <button className="button primary" onClick={() => setRunning(true)}><Play size={15} /> Run…</button>
      </div>
      <Loading loaded={document} what="The version">
        {(doc) => (
          <div className="canvas-with-panel">
            <FlowCanvas document={doc} types={types} selected={selected} onSelect={setSelected} label={`${name} v${version}`} />
            <NodePanel document={doc} node={selected} types={types} />
          </div>
        )}
      </Loading>
      {running && <RunDialog name={name} version={version} onClose={() => setRunning(false)} />}
    </>
  );
}

function NodePanel(props: { document: FlowDocument; node?: string; types: Map<string, NodeTypeDto> }) {
  const node = props.document.nodes.find((candidate) => candidate.id === props.node);
  if (!node) {
    const parameters = Object.entries(props.document.parameters ?? {});
    return (
      <aside className="side-panel" aria-label="Flow details">
        <h3>{props.document.name}</h3>
        {props.document.description && <p>{props.document.description}</p>}
        <p className="muted">{props.document.nodes.length} nodes, {props.document.edges.length} edges. Select a node to see its settings.</p>
        <h4>Parameters</h4>
        {parameters.length === 0 ? <p className="muted">None.</p> : (
          <dl className="kv">
            {parameters.map(([key, value]) => <div key={key}><dt className="mono">{key}</dt><dd className="mono">{value}</dd></div>)}
          </dl>
        )}
      </aside>
    );
  }
  const type = props.types.get(node.type);
  return (
    <aside className="side-panel" aria-label="Node settings">
      <h3>{node.label || node.id}</h3>
      <p className="muted">{type?.title ?? node.type} · <span className="mono">{node.id}</span></p>
      {type?.description && <p className="muted small">{type.description}</p>}
      <h4>Settings</h4>
      <pre className="settings-json">{JSON.stringify(node.settings ?? {}, null, 2)}</pre>
    </aside>
  );
}

/** Two versions compared on one canvas, and every change listed. */
export function CompareView(props: { name: string }) {
  const { name } = props;
  const query = new URLSearchParams(location.search);
  const types = useNodeTypes();
  const versions = useLoad(() => call(api.GET('/api/flows/{name}/versions', { params: { path: { name } } })), [name]);
  const [from, setFrom] = useState(() => Number(query.get('from')) || 1);
  const [to, setTo] = useState(() => Number(query.get('to')) || 2);
  const [selected, setSelected] = useState<string>();
  const compared = useLoad(async () => {
    const [diff, before, after] = await Promise.all([
      call(api.GET('/api/flows/{name}/diff', { params: { path: { name }, query: { from, to } } })),
      loadVersion(name, from),
      loadVersion(name, to),
    ]);
    return { diff, before, after };
  }, [name, from, to]);

  const choose = (nextFrom: number, nextTo: number) => {
    setFrom(nextFrom);
    setTo(nextTo);
    history.replaceState(null, '', `${flowPath(name)}/compare?from=${nextFrom}&to=${nextTo}`);
  };

  return (
    <>
      <div className="catalog-toolbar">
        <div className="grow">
          <h1>{name}: compare versions</h1>
          <p className="muted subtitle">What changed from the first version to the second (positions ignored).</p>
        </div>
        {versions.data && (
          <div className="compare-picker">
            <VersionSelect label="Compare from" versions={versions.data} value={from} onChange={(value) => choose(value, to)} />
            <ArrowRight size={14} className="muted" />
            <VersionSelect label="Compare to" versions={versions.data} value={to} onChange={(value) => choose(from, value)} />
          </div>
        )}
      </div>
      <Loading loaded={compared} what="The comparison">
        {({ diff, before, after }) => (
          <CompareBody diff={diff} before={before} after={after} types={types} from={from} to={to}
            selected={selected} onSelect={setSelected} name={name} />
        )}
      </Loading>
    </>
  );
}

function CompareBody(props: {
  diff: Diff; before: FlowDocument; after: FlowDocument; types: Map<string, NodeTypeDto>; from: number; to: number;
  selected?: string; onSelect: (node: string | undefined) => void; name: string;
}) {
  const { diff, before, after } = props;
  const merged = useMemo(() => mergedForDiff(before, after, diff), [before, after, diff]);
  const marks = useMemo(() => {
    const map = new Map<string, DiffMark>();
    for (const change of diff.nodesChanged ?? []) map.set(change.node!, 'changed');
    for (const node of diff.nodesAdded ?? []) map.set(node, 'added');
    for (const node of diff.nodesRemoved ?? []) map.set(node, 'removed');
    return map;
  }, [diff]);
  const edgeMarks = useMemo(() => {
    const map = new Map<string, DiffMark>();
    for (const edge of diff.edgesAdded ?? []) map.set(edge, 'added');
    for (const edge of diff.edgesRemoved ?? []) map.set(edge, 'removed');
    return map;
  }, [diff]);
  const settingChanges = diff.nodesChanged ?? [];
  const nothing = marks.size === 0 && edgeMarks.size === 0 && (diff.flowChanged ?? []).length === 0 && (diff.inputsReordered ?? []).length === 0;
  const byNode = new Map<string, typeof settingChanges>();
  for (const change of settingChanges) byNode.set(change.node!, [...(byNode.get(change.node!) ?? []), change]);
  const labelOf = (id: string) => {
    const node = after.nodes.find((candidate) => candidate.id === id) ?? before.nodes.find((candidate) => candidate.id === id);
    return node?.label && node.label !== id ? `${node.label} (${id})` : id;
  };
  return (
    <div className="canvas-with-panel">
      <div className="compare-canvas">
        <FlowCanvas document={merged} types={props.types} marks={marks} edgeMarks={edgeMarks} selected={props.selected}
          onSelect={props.onSelect} label={`v${props.from} compared with v${props.to}`} />
        <div className="diff-legend" aria-hidden="true">
          <span className="legend legend-added">added</span>
          <span className="legend legend-removed">removed</span>
          <span className="legend legend-changed">changed</span>
        </div>
      </div>
      <aside className="side-panel" aria-label="Changes">
        <h3>v{props.from} → v{props.to}</h3>
        {nothing && <p className="muted">No differences: the two versions do the same.</p>}
        {(diff.nodesAdded ?? []).length > 0 && <>
          <h4>Nodes added</h4>
          <ul className="change-list">{diff.nodesAdded!.map((node) => <li key={node} className="change-added"><button className="linklike" onClick={() => props.onSelect(node)}>{labelOf(node)}</button></li>)}</ul>
        </>}
        {(diff.nodesRemoved ?? []).length > 0 && <>
          <h4>Nodes removed</h4>
          <ul className="change-list">{diff.nodesRemoved!.map((node) => <li key={node} className="change-removed"><button className="linklike" onClick={() => props.onSelect(node)}>{labelOf(node)}</button></li>)}</ul>
        </>}
        {byNode.size > 0 && <>
          <h4>Settings changed</h4>
          <ul className="change-list" aria-label="Settings changed">
            {[...byNode.entries()].map(([node, changes]) => (
              <li key={node} className={'change-changed' + (props.selected === node ? ' selected' : '')}>
                <button className="linklike" onClick={() => props.onSelect(node)}>{labelOf(node)}</button>
                {changes.map((change, index) => (
                  <div key={index} className="setting-change" data-node={node}>
                    <span className="mono path">{change.path || '(settings)'}</span>
                    <span className="before mono" title="before">{showValue(change.before)}</span>
                    <span className="arrow">→</span>
                    <span className="after mono" title="after">{showValue(change.after)}</span>
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>}
        {(diff.edgesAdded ?? []).length + (diff.edgesRemoved ?? []).length > 0 && <>
          <h4>Edges</h4>
          <ul className="change-list">
            {(diff.edgesAdded ?? []).map((edge) => <li key={'+' + edge} className="change-added mono">+ {edge}</li>)}
            {(diff.edgesRemoved ?? []).map((edge) => <li key={'-' + edge} className="change-removed mono">− {edge}</li>)}
          </ul>
        </>}
        {(diff.inputsReordered ?? []).length > 0 && <>
          <h4>Inputs reordered</h4>
          <ul className="change-list">{diff.inputsReordered!.map((entry) => <li key={entry} className="change-changed mono">{entry}</li>)}</ul>
        </>}
        {(diff.flowChanged ?? []).length > 0 && <>
          <h4>Flow</h4>
          <ul className="change-list">
            {diff.flowChanged!.map((change, index) => (
              <li key={index} className="change-changed">
                <div className="setting-change">
                  <span className="mono path">{change.path}</span>
                  <span className="before mono">{change.before ?? '—'}</span>
                  <span className="arrow">→</span>
                  <span className="after mono">{change.after ?? '—'}</span>
                </div>
              </li>
            ))}
          </ul>
        </>}
        <p className="muted small">
          <Link to={versionPath(props.name, props.from)}>Open v{props.from}</Link> · <Link to={versionPath(props.name, props.to)}>Open v{props.to}</Link>
        </p>
      </aside>
    </div>
  );
}

/** Runs a version with parameter values (its defaults filled in) and goes to the run's page. */
export function RunDialog(props: { name: string; version: number; onClose: () => void }) {
  const { name, version } = props;
  const document = useLoad(() => loadVersion(name, version), [name, version]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState<{ key: string; value: string }[]>([]);
  const [mode, setMode] = useState('performance');
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const defaults = document.data?.parameters ?? {};

  const start = async () => {
    setStarting(true);
    setError(undefined);
    const parameters: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) if (value !== (defaults[key] ?? '')) parameters[key] = value;
    for (const entry of extra) if (entry.key.trim()) parameters[entry.key.trim()] = entry.value;
    try {
      const run = await call(api.POST('/api/flows/{name}/versions/{version}/runs', {
        params: { path: { name, version } }, body: { parameters, mode },
      }));
      props.onClose();
      navigate(runPath(run.id!));
    } catch (failure) {
      setError(messageOf(failure));
      setStarting(false);
    }
  };

  return (
    <Dialog title={`Run ${name} v${version}`} onClose={props.onClose}
      footer={<>
        <button className="button" onClick={props.onClose}>Cancel</button>
        <button className="button primary" disabled={starting || !document.data} onClick={() => void start()}><Play size={14} /> Run</button>
      </>}>
      <Loading loaded={document} what="The version">
        {(doc) => (
          <div className="run-form">
            <label className="field">
              Mode
              <select className="input" value={mode} onChange={(event) => setMode(event.target.value)}>
                <option value="performance">performance — fuse nodes into as few statements as possible</option>
                <option value="development">development — keep every node's rows</option>
              </select>
            </label>
            <h4>Parameters</h4>
            {Object.keys(doc.parameters ?? {}).length === 0 && extra.length === 0 && <p className="muted">This flow has no parameters.</p>}
            {Object.entries(doc.parameters ?? {}).map(([key, value]) => (
              <label key={key} className="field param">
                <span className="mono">{key}</span>
                <input className="input" aria-label={`Parameter ${key}`} value={values[key] ?? value}
                  onChange={(event) => setValues({ ...values, [key]: event.target.value })} />
                <span className="muted small">default {JSON.stringify(value)}</span>
              </label>
            ))}
            {extra.map((entry, index) => (
              <div key={index} className="field param">
                <input className="input mono" aria-label="New parameter name" placeholder="name" value={entry.key}
                  onChange={(event) => setExtra(extra.map((other, at) => (at === index ? { ...other, key: event.target.value } : other)))} />
                <input className="input" aria-label="New parameter value" placeholder="value" value={entry.value}
                  onChange={(event) => setExtra(extra.map((other, at) => (at === index ? { ...other, value: event.target.value } : other)))} />
              </div>
            ))}
            <button className="button" onClick={() => setExtra([...extra, { key: '', value: '' }])}>Add a parameter</button>
            {error && <p className="error-text" role="alert">{error}</p>}
          </div>
        )}
      </Loading>
    </Dialog>
  );
}

/** The flow's schedules: when it runs by itself, and what happened last. */
function FlowSchedulesSection(props: { flow: string }) {
  const schedules = useLoad(() => call(api.GET('/api/flows/{name}/schedules', { params: { path: { name: props.flow } } })), [props.flow]);
  return (
    <section aria-label="Schedules">
      <div className="section-head">
        <h2>Schedules</h2>
        <Link to="/schedules">All schedules</Link>
      </div>
      <Loading loaded={schedules} what="The schedules">
        {(list) => list.length === 0
          ? <div className="empty">This flow runs only when started. Add a schedule on the <Link to="/schedules">Schedules</Link> page.</div>
          : (
            <ul className="schedule-list">
              {list.map((schedule) => (
                <li key={schedule.id}>
                  <Link to={'/schedules/' + schedule.id}>{schedule.description}</Link>
                  {schedule.paused ? <span className="muted"> · paused</span> : schedule.nextFireTime ? <span className="muted"> · next {schedule.nextFireTime.local}</span> : null}
                  {schedule.lastTick && <> · last: <StateBadge state={schedule.lastTick.outcome} /></>}
                </li>
              ))}
            </ul>
          )}
      </Loading>
    </section>
  );
}
