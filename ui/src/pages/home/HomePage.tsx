import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { FilePlus2, Trash2, Upload } from 'lucide-react';
import { api, call } from '../../api/client';
import type { DraftSummary, FlowDto, Me } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { TopBar } from '../../components/TopBar';
import { navigate } from '../../components/navigation';
import { useDesigner, messageOf } from '../designer/store';

/** Where a session starts: the user's drafts and the registered flows; new, import, open, delete. */
export function HomePage(props: { user: Me; onLogout: () => void }) {
  const [drafts, setDrafts] = useState<DraftSummary[]>();
  const [flows, setFlows] = useState<FlowDto[]>();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DraftSummary>();
  const [dropping, setDropping] = useState(false);
  const notify = useDesigner((state) => state.notify);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [draftList, flowList] = await Promise.all([call(api.GET('/api/drafts')), call(api.GET('/api/flows'))]);
      setDrafts(draftList);
      setFlows(flowList);
    } catch (failure) {
      notify('error', 'The flows could not be listed: ' + messageOf(failure));
    }
  }, [notify]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const importFile = async (file: File) => {
    const format = /\.ya?ml$/i.test(file.name) ? 'yaml' : /\.json$/i.test(file.name) ? 'json' : undefined;
    if (!format) {
      notify('error', `'${file.name}' is not a flow file: import a .yaml, .yml or .json flow document.`);
      return;
    }
    try {
      const text = await file.text();
      const draft = await call(api.POST('/api/drafts', { body: { document: text as never, format } }));
      notify('success', `Imported '${file.name}'.`);
      navigate('/drafts/' + draft.id);
    } catch (failure) {
      notify('error', `'${file.name}' could not be imported: ` + messageOf(failure));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  };

  const openVersion = async (flow: FlowDto) => {
    try {
      const draft = await call(api.POST('/api/flows/{name}/versions/{version}/draft', {
        params: { path: { name: flow.name!, version: flow.latest!.version! } },
      }));
      navigate('/drafts/' + draft.id);
    } catch (failure) {
      notify('error', `'${flow.name}' could not be opened: ` + messageOf(failure));
    }
  };

  const remove = async (draft: DraftSummary) => {
    setDeleting(undefined);
    try {
      await call(api.DELETE('/api/drafts/{id}', { params: { path: { id: draft.id! } } }));
      notify('info', `Deleted the draft '${draft.name}'.`);
      await refresh();
    } catch (failure) {
      notify('error', 'The draft could not be deleted: ' + messageOf(failure));
    }
  };

  return (
    <div className="shell">
      <TopBar user={props.user} onLogout={props.onLogout} />
      <main
        className={'home' + (dropping ? ' dropzone-active' : '')}
        onDragOver={(event) => { event.preventDefault(); setDropping(true); }}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
      >
        <div className="actions">
          <h1 style={{ flex: 1 }}>Flows</h1>
          <button className="button" onClick={() => fileInput.current?.click()}><Upload size={15} /> Import…</button>
          <button className="button primary" onClick={() => setCreating(true)}><FilePlus2 size={15} /> New flow</button>
          <input ref={fileInput} type="file" accept=".yaml,.yml,.json" hidden aria-label="Import a flow file"
            onChange={(event) => { const file = event.target.files?.[0]; if (file) void importFile(file); event.target.value = ''; }} />
        </div>
        <section aria-label="Drafts">
          <h2>Drafts <span className="muted">— flows being designed; drop a YAML or JSON flow file here to import it</span></h2>
          {drafts === undefined ? null : drafts.length === 0 ? (
            <div className="empty">No drafts yet. Start with <b>New flow</b>, or import a flow file.</div>
          ) : (
            <table>
              <thead><tr><th>Name</th><th>Owner</th><th>Changed</th><th>Revision</th><th /></tr></thead>
              <tbody>
                {drafts.map((draft) => (
                  <tr key={draft.id}>
                    <td><a href={'/drafts/' + draft.id} onClick={(event) => { event.preventDefault(); navigate('/drafts/' + draft.id); }}>{draft.name}</a></td>
                    <td className="muted">{draft.owner}</td>
                    <td className="muted">{formatTime(draft.updated)}</td>
                    <td className="muted">{draft.revision}</td>
                    <td style={{ textAlign: 'right' }}>
                      <button className="button icon danger" aria-label={`Delete ${draft.name}`} title="Delete the draft" onClick={() => setDeleting(draft)}><Trash2 size={14} /></button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-label="Registered flows">
          <h2>Registered flows <span className="muted">— immutable versions; open one to change it as a draft</span></h2>
          {flows === undefined ? null : flows.length === 0 ? (
            <div className="empty">No registered flows. Register a draft from the designer to keep a version.</div>
          ) : (
            <table>
              <thead><tr><th>Name</th><th>Description</th><th>Latest version</th><th>Registered</th><th /></tr></thead>
              <tbody>
                {flows.map((flow) => (
                  <tr key={flow.name}>
                    <td>{flow.name}</td>
                    <td className="muted">{flow.description}</td>
                    <td>v{flow.latest?.version}</td>
                    <td className="muted">{formatTime(flow.latest?.created)}{flow.latest?.createdBy ? ' by ' + flow.latest.createdBy : ''}</td>
                    <td style={{ textAlign: 'right' }}>
                      <button className="button" onClick={() => void openVersion(flow)}>Open as draft</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
      {creating && <NewFlowDialog onClose={() => setCreating(false)} />}
      {deleting && (
        <Dialog title={`Delete the draft '${deleting.name}'?`} onClose={() => setDeleting(undefined)}
          footer={<>
            <button className="button" onClick={() => setDeleting(undefined)}>Keep it</button>
            <button className="button primary" onClick={() => void remove(deleting)}>Delete</button>
          </>}>
          <p>The draft and its undo history go; registered versions of the flow stay.</p>
        </Dialog>
      )}
    </div>
  );
}

function NewFlowDialog(props: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const create = async () => {
    try {
      const draft = await call(api.POST('/api/drafts', { body: { name } }));
      navigate('/drafts/' + draft.id);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <Dialog title="New flow" onClose={props.onClose}
      footer={<>
        <button className="button" onClick={props.onClose}>Cancel</button>
        <button className="button primary" disabled={!name.trim()} onClick={() => void create()}>Create</button>
      </>}>
      <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        Name
        <input className="input" autoFocus value={name} placeholder="sales-report" onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => { if (event.key === 'Enter' && name.trim()) void create(); }} />
      </label>
      {error && <p className="error-text" role="alert">{error}</p>}
    </Dialog>
  );
}

export function formatTime(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
