import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { messageOf } from '../designer/store';
import type { KernelEnvironment } from './kernelModel';

/**
 * The kernel's environment as locked: asked for when opened (and again when the kernel's image
 * changes), its own packages first with the versions they resolved to, then everything else.
 */
export function LockedPackages(props: { kernelId: string; image: string | undefined }) {
  const [open, setOpen] = useState(false);
  const [environment, setEnvironment] = useState<KernelEnvironment>();
  const [failure, setFailure] = useState<string>();
  const [filter, setFilter] = useState('');

  useEffect(() => {
    if (!open) return undefined;
    let current = true;
    setFailure(undefined);
    call(api.GET('/api/kernels/{id}/environment', { params: { path: { id: props.kernelId } } }))
      .then((answer) => { if (current) setEnvironment(answer); })
      .catch((cause: unknown) => { if (current) setFailure(messageOf(cause)); });
    return () => { current = false; };
  }, [open, props.kernelId, props.image]);

  const packages = environment?.packages ?? [];
  const requested = packages.filter((pin) => pin.requested);
  const needle = filter.trim().toLowerCase();
  const rest = packages.filter((pin) => !pin.requested && (needle === '' || (pin.name ?? '').includes(needle)));
  return (
    <details className="kernel-lock" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>Locked environment{environment ? ` (${packages.length} packages)` : ''}</summary>
      {failure && <p className="error-text" role="alert">{failure}</p>}
      {!environment && !failure && <p className="muted">Reading the lock…</p>}
      {environment && (
        <div className="kernel-lock-body">
          {!environment.resolved && (
            <p className="muted">Its own packages are resolved when the kernel first starts; the image&apos;s are locked already.</p>
          )}
          {requested.length > 0 && (
            <table className="kernel-lock-table" aria-label="Requested packages">
              <thead><tr><th>Asked for</th><th>Locked version</th></tr></thead>
              <tbody>
                {requested.map((pin) => (
                  <tr key={pin.name}><td><code>{pin.name}</code></td><td>{pin.version ?? <span className="muted">at first start</span>}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <input className="input kernel-lock-filter" type="search" placeholder="Find a package" aria-label="Find a package"
            value={filter} onChange={(event) => setFilter(event.target.value)} />
          <div className="kernel-lock-scroll">
          <table className="kernel-lock-table" aria-label="All packages">
            <thead><tr><th>{requested.length > 0 ? 'With the image and as dependencies' : 'In the image'}</th><th>Version</th></tr></thead>
            <tbody>
              {rest.map((pin) => <tr key={pin.name}><td><code>{pin.name}</code></td><td>{pin.version}</td></tr>)}
              {rest.length === 0 && <tr><td colSpan={2} className="muted">No package matches.</td></tr>}
            </tbody>
          </table>
          </div>
        </div>
      )}
    </details>
  );
}
