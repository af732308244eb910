import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { messageOf } from '../pages/designer/store';
import { Dialog } from './Dialog';
import './secrets.css';

const NAME = /^(?!\.+$)[A-Za-z0-9_.-]{1,128}$/;

/**
 * Sets a secret: a new one (name and value) or a new value for one (its name fixed). The value is
 * typed into a password field, sent once, and never shown again by the server.
 */
export function SecretDialog(props: { name?: string; onClose: () => void; onSaved: (name: string) => void }) {
  const [name, setName] = useState(props.name ?? '');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const nameProblem = name !== '' && !NAME.test(name) ? "Letters, digits, '.', '_' and '-' only (at most 128)." : undefined;
  const replacing = props.name !== undefined;

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!name || nameProblem || !value) return;
    setBusy(true);
    try {
      await call(api.PUT('/api/secrets/{name}', { params: { path: { name } }, body: { value } }));
      props.onSaved(name);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={replacing ? `New value for '${props.name}'` : 'New secret'} onClose={props.onClose}
      footer={<>
        <button className="button" onClick={props.onClose}>Cancel</button>
        <button className="button primary" disabled={busy || !name || !!nameProblem || !value} onClick={() => void save()}>
          {replacing ? 'Replace value' : 'Save secret'}
        </button>
      </>}>
      <form className="secret-form" onSubmit={(event) => void save(event)}>
        {!replacing && (
          <label>
            Name
            <input className="input mono" value={name} autoFocus autoComplete="off" spellCheck={false} aria-invalid={!!nameProblem}
              placeholder="e.g. warehouse-password" onChange={(event) => { setName(event.target.value); setError(undefined); }} />
            {nameProblem && <span className="error-text">{nameProblem}</span>}
          </label>
        )}
        <label>
          Value
          <input className="input" type="password" value={value} autoFocus={replacing} autoComplete="new-password"
            onChange={(event) => { setValue(event.target.value); setError(undefined); }} />
          <span className="muted small">Kept encrypted. Nodes get it when they run on your kernels; nobody can read it back here.</span>
        </label>
        {error && <p className="error-text" role="alert">{error}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
