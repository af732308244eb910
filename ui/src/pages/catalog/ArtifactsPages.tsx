// The artifact explorer: global artifacts (the latest of each, by tag and search), every version of
// one with its lineage, a DataFrame's first rows, download and delete; and a flow's flow-scoped artifacts per kernel.
import { useMemo, useState } from 'react';
import { Download, Trash2, X } from 'lucide-react';
import { api, call } from '../../api/client';
import type { Me } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { navigate } from '../../components/navigation';
import { formatBytes } from '../../components/format';
import { messageOf, useDesigner } from '../designer/store';
import {
  Hash, Link, Loading, artifactPath, formatTime, runPath, shortId, useLoad, versionPath, type GlobalArtifact, type Lineage,
} from './common';

function setQuery(path: string, values: Record<string, string | string[]>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one) query.append(key, one);
  }
  history.replaceState(null, '', path + (query.size ? '?' + query.toString() : ''));
}

export function ArtifactsList() {
  const initial = new URLSearchParams(location.search);
  const [tags, setTags] = useState<string[]>(() => initial.getAll('tag'));
  const [search, setSearch] = useState(() => initial.get('q') ?? '');
  const artifacts = useLoad(() => call(api.GET('/api/artifacts', { params: { query: { tag: tags } } })), [tags.join('\u0000')]);
  const update = (nextTags: string[], nextSearch: string) => {
    setTags(nextTags);
    setSearch(nextSearch);
    setQuery('/catalog/artifacts', { tag: nextTags, q: nextSearch });
  };
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (artifacts.data ?? []).filter((artifact) => !needle
      || [artifact.name, artifact.description, artifact.pythonType, artifact.lineage?.flow, ...(artifact.tags ?? [])]
        .some((field) => (field ?? '').toLowerCase().includes(needle)));
  }, [artifacts.data, search]);

  return (
    <>
      <div className="catalog-toolbar">
        <div className="grow">
          <h1>Artifacts</h1>
          <p className="muted subtitle">Global artifacts: what runs of registered flows published with <span className="mono">flowfile.publish_global(name, obj)</span>; every version is kept.</p>
        </div>
        <input className="input" type="search" placeholder="Search name, description, type, tag" aria-label="Search artifacts"
          value={search} onChange={(event) => update(tags, event.target.value)} />
      </div>
      {tags.length > 0 && (
        <div className="filters">
          <span className="muted">Tagged</span>
          {tags.map((tag) => (
            <button key={tag} className="tag removable" aria-label={`Remove the tag filter ${tag}`} onClick={() => update(tags.filter((other) => other !== tag), search)}>
              {tag} <X size={12} />
            </button>
          ))}
        </div>
      )}
      <Loading loaded={artifacts} what="The artifacts">
        {(list) => list.length === 0 ? (
          <div className="empty" data-testid="artifacts-empty">
            {tags.length ? 'No artifact has every one of these tags.' : <>No global artifacts yet. A Python Script node publishes one during a run of a
              registered flow with <span className="mono">flowfile.publish_global("name", obj, description=…, tags=[…])</span>.</>}
          </div>
        ) : shown.length === 0 ? <div className="empty">No artifact matches “{search}”.</div> : (
          <table className="catalog-table" aria-label="Artifacts">
            <thead><tr><th>Name</th><th>Latest</th><th>Type</th><th>Format</th><th className="num">Size</th><th>Tags</th><th>From</th><th>Published</th></tr></thead>
            <tbody>
              {shown.map((artifact) => (
                <tr key={artifact.name}>
                  <td><Link to={artifactPath(artifact.name!)}>{artifact.name}</Link>
                    {artifact.description && <div className="muted small">{artifact.description}</div>}</td>
                  <td>v{artifact.version}</td>
                  <td className="mono">{artifact.pythonType}</td>
                  <td>{artifact.format}</td>
                  <td className="num">{formatBytes(artifact.sizeBytes)}</td>
                  <td><Tags tags={artifact.tags} onPick={(tag) => !tags.includes(tag) && update([...tags, tag], search)} /></td>
                  <td>{artifact.lineage && <Link to={versionPath(artifact.lineage.flow!, artifact.lineage.flowVersion!)}>{artifact.lineage.flow} v{artifact.lineage.flowVersion}</Link>}</td>
                  <td className="muted">{formatTime(artifact.created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loading>
    </>
  );
}

function Tags(props: { tags?: string[]; onPick?: (tag: string) => void }) {
  if (!props.tags?.length) return <span className="muted">—</span>;
  return (
    <span className="tags">
      {props.tags.map((tag) => props.onPick
        ? <button key={tag} className="tag" title={`Show only artifacts tagged ${tag}`} onClick={() => props.onPick!(tag)}>{tag}</button>
        : <span key={tag} className="tag">{tag}</span>)}
    </span>
  );
}

function LineageLinks(props: { lineage?: Lineage }) {
  const lineage = props.lineage;
  if (!lineage) return <span className="muted">unknown</span>;
  return (
    <span className="lineage">
      {lineage.flowRegistered === false
        ? <span title="That flow was deleted">{lineage.flow} v{lineage.flowVersion} (deleted)</span>
        : <Link to={versionPath(lineage.flow!, lineage.flowVersion!)}>{lineage.flow} v{lineage.flowVersion}</Link>}
      {lineage.run && <> → <Link to={runPath(lineage.run)} className="mono" title={lineage.run}>run {shortId(lineage.run)}</Link></>}
      {lineage.node && <> → <span className="mono" title="node">{lineage.node}</span></>}
      {lineage.kernel && <> → <Link to={'/kernels'} className="mono" title={'kernel ' + lineage.kernel}>kernel {lineage.kernel}</Link></>}
    </span>
  );
}

export function ArtifactDetail(props: { name: string; user: Me }) {
  const { name } = props;
  const versions = useLoad(() => call(api.GET('/api/artifacts/{name}/versions', { params: { path: { name } } })), [name]);
  const [deleting, setDeleting] = useState<{ version?: number }>();
  const admin = props.user.user?.role === 'admin';
  const notify = useDesigner((state) => state.notify);

  const remove = async (version?: number) => {
    setDeleting(undefined);
    try {
      if (version === undefined) {
        await call(api.DELETE('/api/artifacts/{name}', { params: { path: { name } } }));
        notify('info', `Deleted the artifact '${name}' with every version.`);
        navigate('/catalog/artifacts');
      } else {
        await call(api.DELETE('/api/artifacts/{name}/versions/{version}', { params: { path: { name, version: String(version) } } }));
        notify('info', `Deleted version ${version} of '${name}'.`);
        if ((versions.data ?? []).length <= 1) navigate('/catalog/artifacts');
        else versions.reload();
      }
    } catch (failure) {
      notify('error', 'The artifact could not be deleted: ' + messageOf(failure));
    }
  };

  return (
    <>
      <div className="catalog-toolbar">
        <div className="grow">
          <h1>{name}</h1>
          <p className="muted subtitle"><Link to="/catalog/artifacts">Artifacts</Link> · every version, newest first</p>
        </div>
        {admin && versions.data && versions.data.length > 0 && (
          <button className="button danger" onClick={() => setDeleting({})}><Trash2 size={14} /> Delete every version</button>
        )}
      </div>
      <Loading loaded={versions} what="The artifact">
        {(list) => (
          <div className="artifact-versions">
            {[...list].reverse().map((artifact) => (
              <ArtifactVersion key={artifact.version} artifact={artifact} admin={admin} onDelete={() => setDeleting({ version: artifact.version })} />
            ))}
          </div>
        )}
      </Loading>
      {deleting && (
        <Dialog title={deleting.version === undefined ? `Delete '${name}' with every version?` : `Delete version ${deleting.version} of '${name}'?`}
          onClose={() => setDeleting(undefined)}
          footer={<>
            <button className="button" onClick={() => setDeleting(undefined)}>Keep it</button>
            <button className="button primary" onClick={() => void remove(deleting.version)}>Delete</button>
          </>}>
          <p>{deleting.version === undefined
            ? 'Every version and its bytes go; flows that load it by name will fail.'
            : 'This version and its bytes go' + ((versions.data ?? []).length <= 1 ? '; it is the last, so the name goes too.' : '; the other versions stay.')}</p>
        </Dialog>
      )}
    </>
  );
}

function ArtifactVersion(props: { artifact: GlobalArtifact; admin: boolean; onDelete: () => void }) {
  const { artifact } = props;
  const table = artifact.format === 'parquet';
  return (
    <article className="artifact-card" data-version={artifact.version} aria-label={`Version ${artifact.version}`}>
      <header>
        <h2>v{artifact.version}</h2>
        <span className="muted">{formatTime(artifact.created)}</span>
        <div className="grow" />
        <a className="button" href={artifact.download} download aria-label={`Download v${artifact.version}`}><Download size={14} /> Download</a>
        {props.admin && <button className="button icon danger" aria-label={`Delete v${artifact.version}`} title="Delete this version" onClick={props.onDelete}><Trash2 size={14} /></button>}
      </header>
      {artifact.description && <p>{artifact.description}</p>}
      <dl className="kv grid">
        <div><dt>Type</dt><dd className="mono wrap">{artifact.pythonType}</dd></div>
        <div><dt>Format</dt><dd>{artifact.format}</dd></div>
        <div><dt>Size</dt><dd>{formatBytes(artifact.sizeBytes)} <span className="muted">({(artifact.sizeBytes ?? 0).toLocaleString('en-US')} bytes)</span></dd></div>
        <div><dt>SHA-256</dt><dd className="mono wrap">{artifact.sha256}</dd></div>
        <div><dt>Tags</dt><dd><Tags tags={artifact.tags} /></dd></div>
        <div><dt>Lineage</dt><dd><LineageLinks lineage={artifact.lineage} /></dd></div>
      </dl>
      {table && <FirstRows name={artifact.name!} version={artifact.version!} />}
    </article>
  );
}

const FIRST_ROWS = 20;

/** The first rows of a DataFrame artifact (Parquet), read by the server on demand. */
function FirstRows(props: { name: string; version: number }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="artifact-rows" aria-label={`First rows of v${props.version}`}>
      {open
        ? <RowsTable name={props.name} version={props.version} />
        : <button className="button" onClick={() => setOpen(true)}>Show the first {FIRST_ROWS} rows</button>}
    </section>
  );
}

function RowsTable(props: { name: string; version: number }) {
  const rows = useLoad(() => call(api.GET('/api/artifacts/{name}/versions/{version}/rows', {
    params: { path: { name: props.name, version: String(props.version) }, query: { limit: String(FIRST_ROWS) } },
  })), [props.name, props.version]);
  return (
    <Loading loaded={rows} what="The rows">
      {(data) => (
        <>
          <div className="artifact-rows-scroll">
            <table className="catalog-table artifact-rows-table" aria-label={`Rows of v${props.version}`}>
              <thead><tr>{(data.columns ?? []).map((column) => (
                <th key={column.name}>{column.name} <span className="muted small mono">{column.type}</span></th>
              ))}</tr></thead>
              <tbody>
                {(data.rows ?? []).map((row, index) => (
                  <tr key={index}>{row.map((value, column) => (
                    <td key={column} className={typeof value === 'number' ? 'num' : undefined}>
                      {value === null || value === undefined ? <span className="muted">null</span> : typeof value === 'object' ? JSON.stringify(value) : String(value)}
                    </td>
                  ))}</tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small" data-testid="artifact-rows-count">
            {(data.rows ?? []).length < (data.totalRows ?? 0)
              ? `The first ${(data.rows ?? []).length} of ${(data.totalRows ?? 0).toLocaleString('en-US')} rows.`
              : `All ${(data.totalRows ?? 0).toLocaleString('en-US')} rows.`}
          </p>
        </>
      )}
    </Loading>
  );
}

/** A flow's flow-scoped artifacts: what its nodes stored on each kernel (the bytes stay there). */
export function FlowArtifactsSection(props: { flow: string }) {
  const [kernel, setKernel] = useState('');
  const all = useLoad(() => call(api.GET('/api/flows/{name}/artifacts', { params: { path: { name: props.flow } } })), [props.flow]);
  const shown = useLoad(() => (kernel
    ? call(api.GET('/api/flows/{name}/artifacts', { params: { path: { name: props.flow }, query: { kernel } } }))
    : call(api.GET('/api/flows/{name}/artifacts', { params: { path: { name: props.flow } } }))), [props.flow, kernel]);
  const kernels = [...new Set((all.data ?? []).map((artifact) => artifact.kernel!))].sort();
  return (
    <section aria-label="Flow artifacts">
      <div className="section-head">
        <h2>Flow artifacts <span className="muted">— what this flow's nodes keep on kernels (<span className="mono">flowfile.publish_artifact</span>)</span></h2>
        {kernels.length > 0 && (
          <select className="input" aria-label="Kernel" value={kernel} onChange={(event) => setKernel(event.target.value)}>
            <option value="">Every kernel</option>
            {kernels.map((id) => <option key={id} value={id}>{id}</option>)}
          </select>
        )}
      </div>
      <Loading loaded={shown} what="The flow's artifacts">
        {(list) => list.length === 0 ? <div className="empty">No flow artifacts on your kernels.</div> : (
          <table className="catalog-table" aria-label="Flow artifacts">
            <thead><tr><th>Kernel</th><th>Name</th><th>Node</th><th>Type</th><th>Format</th><th className="num">Size</th><th>SHA-256</th><th>Stored</th></tr></thead>
            <tbody>
              {list.map((artifact) => (
                <tr key={artifact.kernel + '/' + artifact.name}>
                  <td className="mono">{artifact.kernel}</td>
                  <td>{artifact.name}</td>
                  <td className="mono">{artifact.node}</td>
                  <td className="mono">{artifact.pythonType}</td>
                  <td>{artifact.format}</td>
                  <td className="num">{formatBytes(artifact.sizeBytes)}</td>
                  <td><Hash value={artifact.sha256} /></td>
                  <td className="muted">{formatTime(artifact.created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loading>
    </section>
  );
}
