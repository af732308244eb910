import { useEffect, useState } from 'react';
import { api, call, ApiFailure } from '../../api/client';
import type { DiffDto, DraftView } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { messageOf, useDesigner } from './store';

/** Register the draft as the flow's next version, after showing what changed since the last one. */
export function RegisterDialog(props: { draft: DraftView; onClose: () => void }) {
  const { draft, onClose } = props;
  const notify = useDesigner((state) => state.notify);
  const [latest, setLatest] = useState<number | null | undefined>(undefined);
  const [diff, setDiff] = useState<DiffDto>();
  const [error, setError] = useState<string>();
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    (async () => {
      try {
        const flow = await call(api.GET('/api/flows/{name}', { params: { path: { name: draft.name! } } }));
        const version = flow.latest?.version ?? null;
        setLatest(version);
        if (version !== null) {
          setDiff(await call(api.GET('/api/drafts/{id}/diff', { params: { path: { id: draft.id! }, query: { version } } })));
        }
      } catch (failure) {
        if (failure instanceof ApiFailure && failure.status === 404) {
          setLatest(null);
        } else {
          setError(messageOf(failure));
        }
      }
    })();
  }, [draft.id, draft.name]);

  const register = async () => {
    setBusy(true);
    try {
      const version = await call(api.POST('/api/drafts/{id}/register', { params: { path: { id: draft.id! } }, body: { description: description || undefined } }));
      notify('success', `Registered '${version.flow}' version ${version.version}.`);
      onClose();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  const unchanged = diff && [diff.nodesAdded, diff.nodesRemoved, diff.nodesChanged, diff.edgesAdded, diff.edgesRemoved, diff.inputsReordered, diff.flowChanged]
    .every((list) => !list || list.length === 0);

  return (
    <Dialog title={`Register '${draft.name}'`} onClose={onClose}
      footer={<>
        <button className="button" onClick={onClose}>Cancel</button>
        <button className="button primary" disabled={busy || latest === undefined} onClick={() => void register()}>
          {latest === null ? 'Register version 1' : unchanged ? `Keep version ${latest}` : `Register version ${(latest ?? 0) + 1}`}
        </button>
      </>}>
      {error && <p className="error-text" role="alert">{error}</p>}
      {latest === undefined && !error && <p className="muted">Comparing with the last version…</p>}
      {latest === null && <p>This is the first version of <b>{draft.name}</b>. Registered versions are immutable; schedules and the catalog run them.</p>}
      {diff && (unchanged ? (
        <p>Nothing changed since version {latest}; registering keeps version {latest}.</p>
      ) : (
        <div className="diff" aria-label="Changes since the last version">
          <p>Changes since version {latest}:</p>
          <ul>
            {diff.nodesAdded?.map((node) => <li key={'a' + node} className="diff-added">+ node {node}</li>)}
            {diff.nodesRemoved?.map((node) => <li key={'r' + node} className="diff-removed">− node {node}</li>)}
            {diff.nodesChanged?.map((change, index) => (
              <li key={'c' + index} className="diff-changed">
                ~ {change.node} <span className="mono">{change.path}</span>: <span className="mono">{JSON.stringify(change.before)}</span> → <span className="mono">{JSON.stringify(change.after)}</span>
              </li>
            ))}
            {diff.edgesAdded?.map((edge) => <li key={'ea' + edge} className="diff-added">+ edge {edge}</li>)}
            {diff.edgesRemoved?.map((edge) => <li key={'er' + edge} className="diff-removed">− edge {edge}</li>)}
            {diff.inputsReordered?.map((node) => <li key={'o' + node} className="diff-changed">~ inputs of {node} reordered</li>)}
            {diff.flowChanged?.map((change) => (
              <li key={'f' + change.path} className="diff-changed">~ {change.path}: {change.before ?? '—'} → {change.after ?? '—'}</li>
            ))}
          </ul>
        </div>
      ))}
      <label className="field">
        <span>Description of this version (optional)</span>
        <input className="input" value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
    </Dialog>
  );
}
