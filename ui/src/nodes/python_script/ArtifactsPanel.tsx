/**
 * The artifacts around a Python Script node (GET /api/drafts/{id}/nodes/{node}/artifacts): the
 * flow-scoped ones that nodes before it published on its kernel (it can read them), those it published
 * itself, and the global artifacts of the catalog it published or read. Asked for again after each
 * cell and on Refresh.
 */
import { useEffect, useState } from 'react';
import { Boxes, RefreshCw } from 'lucide-react';
import { formatBytes } from '../../components/format';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { Link, artifactPath, formatTime } from '../../pages/catalog/common';
import { shortType } from './artifacts';

type NodeArtifacts = components['schemas']['NodeArtifactsDto'];
type FlowArtifact = components['schemas']['FlowArtifactDto'];

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

function FlowArtifactTable(props: { label: string; artifacts: FlowArtifact[]; withNode: boolean }) {
  return (
    <table className="pyn-artifacts-table" aria-label={props.label}>
      <thead><tr><th>Name</th><th>Type</th><th className="num">Size</th>{props.withNode && <th>Node</th>}</tr></thead>
      <tbody>
        {props.artifacts.map((artifact) => (
          <tr key={`${artifact.node}/${artifact.name}`}>
            <td className="mono">{artifact.name}</td>
            <td title={artifact.pythonType}>{shortType(artifact.pythonType)}</td>
            <td className="num">{formatBytes(artifact.sizeBytes)}</td>
            {props.withNode && <td className="mono">{artifact.node}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ArtifactsPanel(props: { draftId: string; nodeId: string; kernelId: string | undefined; refresh: number }) {
  const [answer, setAnswer] = useState<NodeArtifacts>();
  const [failure, setFailure] = useState<string>();
  const [asked, setAsked] = useState(0);
  const { draftId, nodeId, kernelId, refresh } = props;

  useEffect(() => {
    if (!kernelId) return undefined;
    let current = true;
    call(api.GET('/api/drafts/{id}/nodes/{node}/artifacts', { params: { path: { id: draftId, node: nodeId } } }))
      .then((found) => {
        if (!current) return;
        setAnswer(found);
        setFailure(undefined);
      })
      .catch((cause: unknown) => { if (current) setFailure(messageOf(cause)); });
    return () => { current = false; };
  }, [draftId, nodeId, kernelId, refresh, asked]);

  const upstream = answer?.upstream ?? [];
  const published = answer?.published ?? [];
  const globalPublished = answer?.globalPublished ?? [];
  const globalRead = answer?.globalRead ?? [];
  const total = upstream.length + published.length + globalPublished.length + globalRead.length;
  return (
    <details className="ffp-more pyn-artifacts" data-testid="artifacts-panel">
      <summary>
        <Boxes size={13} aria-hidden="true" /> Artifacts{answer ? ` (${total})` : ''}
      </summary>
      {!kernelId && <p className="muted">Artifacts live on the node&apos;s kernel: choose one first.</p>}
      {kernelId && (
        <div className="pyn-artifacts-body">
          <div className="pyn-artifacts-head">
            <span className="muted">On kernel <span className="mono">{kernelId}</span></span>
            <button type="button" className="ff-icon-button" aria-label="Refresh the artifacts" title="Refresh" onClick={() => setAsked((n) => n + 1)}>
              <RefreshCw size={13} aria-hidden="true" />
            </button>
          </div>
          {failure && <p className="error-text" role="alert">{failure}</p>}
          <section aria-label="From the nodes before this one">
            <h4>From the nodes before this one</h4>
            {upstream.length > 0 ? <FlowArtifactTable label="Artifacts from upstream" artifacts={upstream} withNode /> : (
              <p className="muted">None yet. What an earlier node publishes with <code>flowfile.publish_artifact(name, obj)</code> is read
                here with <code>flowfile.read_artifact(name)</code>.</p>
            )}
          </section>
          <section aria-label="Published by this node">
            <h4>Published by this node</h4>
            {published.length > 0 ? <FlowArtifactTable label="Published artifacts" artifacts={published} withNode={false} /> : (
              <p className="muted">None yet: <code>flowfile.publish_artifact(&apos;model&apos;, model)</code> in a cell publishes one for the nodes after this one.</p>
            )}
          </section>
          <section aria-label="Global artifacts">
            <h4>Global artifacts</h4>
            {globalPublished.length === 0 && globalRead.length === 0 && (
              <p className="muted">None published or read. <code>flowfile.publish_global(name, obj)</code> keeps one in the catalog (in a run of the
                registered flow); <code>flowfile.get_global(name)</code> reads one.</p>
            )}
            {(globalPublished.length > 0 || globalRead.length > 0) && (
              <table className="pyn-artifacts-table" aria-label="Global artifacts of this node">
                <thead><tr><th>Name</th><th>Version</th><th>Type</th><th className="num">Size</th><th>How</th></tr></thead>
                <tbody>
                  {globalPublished.map((artifact) => (
                    <tr key={`published/${artifact.name}/${artifact.version}`}>
                      <td><Link to={artifactPath(artifact.name!)}>{artifact.name}</Link></td>
                      <td>v{artifact.version}</td>
                      <td title={artifact.pythonType}>{shortType(artifact.pythonType)}</td>
                      <td className="num">{formatBytes(artifact.sizeBytes)}</td>
                      <td>published {formatTime(artifact.created)}</td>
                    </tr>
                  ))}
                  {globalRead.map((read) => (
                    <tr key={`read/${read.artifact?.name}/${read.artifact?.version}`}>
                      <td><Link to={artifactPath(read.artifact!.name!)}>{read.artifact?.name}</Link></td>
                      <td>v{read.artifact?.version}</td>
                      <td title={read.artifact?.pythonType}>{shortType(read.artifact?.pythonType)}</td>
                      <td className="num">{formatBytes(read.artifact?.sizeBytes)}</td>
                      <td>read {read.count === 1 ? 'once' : `${read.count} times`}, last {formatTime(read.lastRead)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </details>
  );
}
