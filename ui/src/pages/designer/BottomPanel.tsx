import { useEffect, useRef } from 'react';
import { useDesigner } from './store';
import { PreviewGrid } from './PreviewGrid';

/** Preview of the selected node, the run's log (live) and every problem of the flow. */
export function BottomPanel() {
  const tab = useDesigner((state) => state.bottomTab);
  const setTab = useDesigner((state) => state.setBottomTab);
  const problems = useDesigner((state) => state.draft?.problems ?? []);
  const run = useDesigner((state) => state.run);
  const tabs: { id: typeof tab; title: string }[] = [
    { id: 'preview', title: 'Preview' },
    { id: 'log', title: run ? `Run log (${run.state})` : 'Run log' },
    { id: 'problems', title: `Problems (${problems.length})` },
  ];
  return (
    <section className="bottom" aria-label="Bottom panel">
      <div className="bottom-tabs" role="tablist">
        {tabs.map((entry) => (
          <button key={entry.id} role="tab" aria-selected={tab === entry.id} className={'bottom-tab' + (tab === entry.id ? ' active' : '')}
            onClick={() => setTab(entry.id)}>
            {entry.title}
          </button>
        ))}
      </div>
      <div className="bottom-body" role="tabpanel">
        {tab === 'preview' && <PreviewTab />}
        {tab === 'log' && <LogTab />}
        {tab === 'problems' && <ProblemsTab />}
      </div>
    </section>
  );
}

function PreviewTab() {
  const preview = useDesigner((state) => state.preview);
  if (!preview) {
    return <p className="muted bottom-hint">Select a node and press <b>Preview</b> (or double-click the node) to see its first 100 rows.</p>;
  }
  if (preview.loading && !preview.data) return <p className="muted bottom-hint">Computing the preview of {preview.node}…</p>;
  if (preview.error) return <p className="error-text bottom-hint" role="alert">The preview of {preview.node} failed: {preview.error}</p>;
  return preview.data ? <PreviewGrid data={preview.data} /> : null;
}

function LogTab() {
  const run = useDesigner((state) => state.run);
  const select = useDesigner((state) => state.select);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [run?.log.length]);
  if (!run) return <p className="muted bottom-hint">No run yet. Run the flow with the <b>Run</b> button or Ctrl+Enter.</p>;
  return (
    <div className="log" aria-label="Run log">
      {run.log.length === 0 && <p className="muted">Run {run.state}{run.durationMillis !== undefined ? ` in ${run.durationMillis} ms` : ''}.</p>}
      {run.log.map((line, index) => (
        <div key={index} className={'log-line ' + line.level}>
          <span className="muted mono">{new Date(line.at).toLocaleTimeString()}</span>
          {line.node ? <button className="log-node" onClick={() => select([line.node!])}>{line.node}</button> : <span />}
          <span className={line.level === 'output' ? 'mono' : ''}>{line.text}</span>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

function ProblemsTab() {
  const problems = useDesigner((state) => state.draft?.problems ?? []);
  const select = useDesigner((state) => state.select);
  if (problems.length === 0) return <p className="muted bottom-hint">No problems: the flow is ready to run.</p>;
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((problem, index) => (
        <li key={index}>
          <button onClick={() => problem.node && select([problem.node], problem.path?.replace(/^settings\.?/, ''))}>
            {problem.node && <b>{problem.node}</b>}
            {problem.path && <span className="muted mono"> {problem.path}</span>}
            <span> — {problem.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
