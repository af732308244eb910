// Secrets: the passwords and API keys a user's nodes refer to by name. Set once, listed by name,
// replaced or deleted; their values are never shown.
import { useState } from 'react';
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { SecretDialog } from '../../components/SecretDialog';
import { TopBar } from '../../components/TopBar';
import { Loading, formatTime, useLoad } from '../catalog/common';
import { messageOf, useDesigner } from '../designer/store';
import './secrets.css';

type Secret = components['schemas']['SecretDto'];

export function SecretsPage(props: { user: Me; onLogout: () => void }) {
  const loaded = useLoad(() => call(api.GET('/api/secrets')), []);
  const notify = useDesigner((state) => state.notify);
  const [editing, setEditing] = useState<Secret | 'new'>();
  const [deleting, setDeleting] = useState<Secret>();

  const remove = async (secret: Secret) => {
    setDeleting(undefined);
    try {
      await call(api.DELETE('/api/secrets/{name}', { params: { path: { name: secret.name! } } }));
      notify('success', `Deleted secret '${secret.name}'.`);
      loaded.reload();
    } catch (failure) {
      notify('error', `Deleting '${secret.name}' failed: ${messageOf(failure)}`);
    }
  };

  return (
    <div className="shell">
      <TopBar user={props.user} onLogout={props.onLogout} />
      <main className="page secrets-page">
        <div className="page-head">
          <h1>Secrets</h1>
          <span className="muted">Passwords and API keys your nodes use without showing them: in flows, settings and logs they are only a name.</span>
          <div className="spacer" />
          <button className="button primary" onClick={() => setEditing('new')}><Plus size={15} /> New secret</button>
        </div>
        <Loading loaded={loaded} what="your secrets">
          {(secrets) => secrets.length === 0 ? (
            <div className="empty">
              <KeyRound size={28} />
              <p>No secrets yet. Press <b>New secret</b>, then choose it in a node's secret field, or read it in Python code:</p>
              <code>flowfile.get_secret("warehouse-password").get_secret_value()</code>
            </div>
          ) : (
            <table className="table" aria-label="Secrets">
              <thead><tr><th>Name</th><th>Value</th><th>Set</th><th>Last changed</th><th /></tr></thead>
              <tbody>
                {secrets.map((secret) => (
                  <tr key={secret.name}>
                    <td className="mono">{secret.name}</td>
                    <td className="muted" aria-label="hidden value">••••••••</td>
                    <td>{formatTime(secret.created)}</td>
                    <td>{secret.updated !== secret.created ? formatTime(secret.updated) : <span className="muted">never</span>}</td>
                    <td className="actions">
                      <button className="button" onClick={() => setEditing(secret)}>Replace value</button>
                      <button className="button icon danger" aria-label={`Delete secret ${secret.name}`} title="Delete" onClick={() => setDeleting(secret)}>
                        <Trash2 size={14} />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loading>
        <p className="muted small">
          A secret is yours alone: nodes get its value only when they run on your kernels, and what they print shows it masked.
        </p>
      </main>
      {editing && (
        <SecretDialog name={editing === 'new' ? undefined : editing.name} onClose={() => setEditing(undefined)}
          onSaved={(name) => {
            notify('success', editing === 'new' ? `Saved secret '${name}'.` : `Replaced the value of '${name}'.`);
            setEditing(undefined);
            loaded.reload();
          }} />
      )}
      {deleting && (
        <Dialog title={`Delete secret '${deleting.name}'?`} onClose={() => setDeleting(undefined)}
          footer={<>
            <button className="button" onClick={() => setDeleting(undefined)}>Keep it</button>
            <button className="button primary" onClick={() => void remove(deleting)}>Delete</button>
          </>}>
          <p>Nodes that refer to it fail until a secret of this name is set again.</p>
        </Dialog>
      )}
    </div>
  );
}
