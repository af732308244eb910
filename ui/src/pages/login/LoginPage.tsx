import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';

/** Username and password, for when the browser has no session (the printed link logs in by itself). */
export function LoginPage(props: { onLoggedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await call(api.POST('/api/auth/login', { body: { username, password } }));
      props.onLoggedIn();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form onSubmit={submit}>
        <div className="brand"><span className="brand-mark" /> Flowfile</div>
        <p className="muted" style={{ margin: 0 }}>
          Log in, or open the link <code>flowfile serve</code> printed.
        </p>
        <label>Username<input className="input" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" /></label>
        <label>Password<input className="input" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" /></label>
        {error && <p className="error-text" role="alert" style={{ margin: 0 }}>{error}</p>}
        <button className="button primary" type="submit" disabled={busy || !username || !password}>Log in</button>
      </form>
    </div>
  );
}
