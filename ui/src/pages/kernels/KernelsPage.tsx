/**
 * The kernel manager (/kernels): whether Docker and the kernel image are there (and the button that
 * builds the image), the form that defines a kernel, and a live card per kernel with its state,
 * resources, memory and CPU, and its actions.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { AlertTriangle, Cpu, Hammer, Play, Plug, Plus, RotateCcw, Square, Trash2, Zap } from 'lucide-react';
import { api, ApiFailure, call } from '../../api/client';
import type { Me } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { TopBar } from '../../components/TopBar';
import {
  badgeLabel, environmentHash, fieldErrors, formatBytes, formatDuration, formatGpus, isBusy, isRunning, kernelAction, memoryLevel, ordinal,
  reasonKind, useKernels, type DockerStatus, type KernelDto, type KernelEnvironment, type KernelField, type KernelRequest,
} from './kernelModel';
import './kernels.css';

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

export function KernelsPage(props: { user: Me; onLogout: () => void; path: string }) {
  const { kernels, error, reload, put } = useKernels();
  const [creating, setCreating] = useState(false);
  const isAdmin = props.user.user?.role === 'admin';

  return (
    <div className="shell">
      <TopBar user={props.user} onLogout={props.onLogout} />
      <main className="page kernels-page">
        <div className="kernels-head">
          <div>
            <h1>Kernels</h1>
            <p className="muted">
              Python Script nodes run their code on a kernel: a Docker container with its own memory and CPU limits, running ipykernel.
            </p>
          </div>
          <button type="button" className="button primary" onClick={() => setCreating((open) => !open)} aria-expanded={creating}>
            <Plus size={14} aria-hidden="true" /> New kernel
          </button>
        </div>
        <DockerBanner isAdmin={isAdmin} />
        {creating && (
          <CreateKernelForm
            onCreated={(kernel) => {
              put(kernel);
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
        {error && <p className="error-text" role="alert">{error}</p>}
        {kernels === undefined && !error ? (
          <p className="muted">Loading kernels…</p>
        ) : kernels && kernels.length === 0 ? (
          <div className="kernels-empty">
            <p>No kernels yet.</p>
            <p className="muted">Define one with <strong>New kernel</strong>: a Python Script node then picks it in its settings.</p>
          </div>
        ) : (
          <section className="kernel-cards" aria-label="Kernels">
            {(kernels ?? []).map((kernel) => (
              <KernelCard key={kernel.id} kernel={kernel} me={props.user.user?.username} onChanged={put} onDeleted={() => void reload()} />
            ))}
          </section>
        )}
      </main>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Docker and the kernel image

function DockerBanner(props: { isAdmin: boolean }) {
  const [status, setStatus] = useState<DockerStatus>();
  const [failure, setFailure] = useState<string>();
  const [build, setBuild] = useState<{ lines: string[]; state: 'running' | 'succeeded' | 'failed'; message?: string }>();
  const log = useRef<HTMLPreElement>(null);

  const check = useCallback(async () => {
    try {
      setStatus(await call(api.GET('/api/docker')));
      setFailure(undefined);
    } catch (cause) {
      setFailure(messageOf(cause));
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [build?.lines.length]);

  const startBuild = async () => {
    setBuild({ lines: [], state: 'running' });
    try {
      await call(api.POST('/api/docker/image/build'));
    } catch (cause) {
      setBuild({ lines: [], state: 'failed', message: messageOf(cause) });
      return;
    }
    const source = new EventSource('/api/docker/image/build/events');
    source.addEventListener('output', (event) => {
      const line = parse((event as MessageEvent<string>).data).line;
      setBuild((current) => current && { ...current, lines: [...current.lines.slice(-400), String(line ?? '')] });
    });
    source.addEventListener('end', (event) => {
      const data = parse((event as MessageEvent<string>).data);
      source.close();
      setBuild((current) => ({ lines: current?.lines ?? [], state: data.state === 'succeeded' ? 'succeeded' : 'failed', message: data.message as string | undefined }));
      void check();
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setBuild((current) => current && current.state === 'running' ? { ...current, state: 'failed', message: 'The connection to the build was lost.' } : current);
      }
    };
  };

  if (failure) {
    return <div className="kernels-banner is-error" role="alert"><AlertTriangle size={16} aria-hidden="true" /> Docker status unknown: {failure}</div>;
  }
  if (!status) return null;
  const fine = status.reachable && status.imagePresent;
  if (fine && !build) return null;
  return (
    <section className={`kernels-banner${fine ? ' is-ok' : ' is-error'}`} role={fine ? 'status' : 'alert'} aria-label="Docker">
      <div className="kernels-banner-text">
        {!status.reachable ? (
          <>
            <strong><AlertTriangle size={15} aria-hidden="true" /> Docker is not reachable: kernels cannot run.</strong>
            {status.problem && <span className="muted"> {status.problem}</span>}
            <p>To fix it, {status.fix ?? 'start the Docker engine'} — then <button type="button" className="link-button" onClick={() => void check()}>check again</button>.</p>
          </>
        ) : !status.imagePresent ? (
          <>
            <strong><AlertTriangle size={15} aria-hidden="true" /> The kernel image {status.image} is not built: kernels cannot start.</strong>
            <p>
              {props.isAdmin ? 'Build it here, or run ' : 'Ask an administrator to build it here, or run '}
              <code>{status.fix ?? './flowfile kernel image build'}</code> on the server.
            </p>
          </>
        ) : (
          <strong>The kernel image {status.image} is ready.</strong>
        )}
        {status.reachable && !status.imagePresent && props.isAdmin && (
          <button type="button" className="button primary" disabled={build?.state === 'running'} onClick={() => void startBuild()}>
            <Hammer size={14} aria-hidden="true" /> {build?.state === 'running' ? 'Building the image…' : 'Build the kernel image'}
          </button>
        )}
      </div>
      {build && (
        <div className="kernels-build">
          <div className="muted">
            {build.state === 'running' ? 'Building…' : build.state === 'succeeded' ? 'The image was built.' : `The build failed${build.message ? ': ' + build.message : '.'}`}
          </div>
          {build.lines.length > 0 && <pre ref={log} className="kernels-build-log" aria-label="Build output">{build.lines.join('\n')}</pre>}
        </div>
      )}
    </section>
  );
}

function parse(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// The create form

interface FormState {
  id: string;
  name: string;
  packages: string;
  memoryGb: string;
  cpus: string;
  gpus: string;
  recoveryMode: string;
  idleTimeout: string;
  maxLifetime: string;
}

const EMPTY_FORM: FormState = { id: '', name: '', packages: '', memoryGb: '2', cpus: '1', gpus: '0', recoveryMode: 'lazy', idleTimeout: '', maxLifetime: '' };

function CreateKernelForm(props: { onCreated: (kernel: KernelDto) => void; onCancel: () => void }) {
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [errors, setErrors] = useState<{ fields: Partial<Record<KernelField, string[]>>; general: string[] }>({ fields: {}, general: [] });
  const [saving, setSaving] = useState(false);
  const set = (field: keyof FormState) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
    const request: KernelRequest = {
      id: form.id.trim(),
      name: form.name.trim() || undefined,
      packages: form.packages.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')),
      memoryGb: number(form.memoryGb),
      cpus: number(form.cpus),
      gpus: number(form.gpus),
      recoveryMode: form.recoveryMode,
      idleTimeout: form.idleTimeout.trim() || undefined,
      maxLifetime: form.maxLifetime.trim() || undefined,
    };
    try {
      const kernel = (await call(api.POST('/api/kernels', { body: request }))) as KernelDto;
      setErrors({ fields: {}, general: [] });
      props.onCreated(kernel);
    } catch (failure) {
      if (failure instanceof ApiFailure) setErrors(fieldErrors(failure.message, failure.problems));
      else setErrors({ fields: {}, general: [messageOf(failure)] });
    } finally {
      setSaving(false);
    }
  };

  const field = (name: KernelField, label: string, control: (id: string, invalid: boolean, describedBy?: string) => ReactElement, help?: string) => {
    const id = `kernel-form-${name}`;
    const problems = errors.fields[name];
    const invalid = (problems?.length ?? 0) > 0;
    return (
      <div className={`kernel-field${invalid ? ' is-invalid' : ''}`} data-field={name}>
        <label htmlFor={id}>{label}</label>
        {control(id, invalid, invalid ? `${id}-error` : undefined)}
        {invalid && <ul id={`${id}-error`} className="kernel-field-problems" role="alert">{problems!.map((text, index) => <li key={index}>{text}</li>)}</ul>}
        {help && <div className="muted kernel-field-help">{help}</div>}
      </div>
    );
  };

  return (
    <form className="kernel-form" aria-label="New kernel" onSubmit={(event) => void submit(event)} noValidate>
      <h2>New kernel</h2>
      {errors.general.length > 0 && <ul className="kernel-form-problems" role="alert">{errors.general.map((text, index) => <li key={index}>{text}</li>)}</ul>}
      <div className="kernel-form-grid">
        {field('id', 'Id', (id, invalid, describedBy) => (
          <input id={id} className="input mono" value={form.id} onChange={(e) => set('id')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} placeholder="analytics" autoFocus required />
        ), 'Letters, digits, - and _; nodes name their kernel by it.')}
        {field('name', 'Name', (id, invalid, describedBy) => (
          <input id={id} className="input" value={form.name} onChange={(e) => set('name')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} placeholder="Analytics (optional)" />
        ))}
        {field('memoryGb', 'Memory (GB)', (id, invalid, describedBy) => (
          <input id={id} className="input" type="number" step="0.5" min="0.5" max="64" value={form.memoryGb} onChange={(e) => set('memoryGb')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />
        ), '0.5 to 64; the container is killed beyond it.')}
        {field('cpus', 'CPU cores', (id, invalid, describedBy) => (
          <input id={id} className="input" type="number" step="0.5" min="0.5" max="32" value={form.cpus} onChange={(e) => set('cpus')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} />
        ), '0.5 to 32.')}
        {field('gpus', 'GPU', (id, invalid, describedBy) => (
          <select id={id} className="input" value={form.gpus} onChange={(e) => set('gpus')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy}>
            <option value="0">None</option>
            {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => <option key={n} value={String(n)}>{n === 1 ? '1 GPU' : `${n} GPUs`}</option>)}
            <option value="-1">All GPUs</option>
          </select>
        ), 'Needs the NVIDIA runtime in Docker.')}
        {field('recoveryMode', 'Recovery mode', (id, invalid, describedBy) => (
          <select id={id} className="input" value={form.recoveryMode} onChange={(e) => set('recoveryMode')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy}>
            <option value="lazy">Lazy: reload artifacts when read</option>
            <option value="eager">Eager: reload artifacts at start</option>
            <option value="clear">Clear: forget artifacts</option>
          </select>
        ), 'What happens to flow artifacts after a restart.')}
        {field('idleTimeout', 'Idle timeout', (id, invalid, describedBy) => (
          <input id={id} className="input mono" value={form.idleTimeout} onChange={(e) => set('idleTimeout')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} placeholder="PT30M or 1800 (empty: never)" />
        ), 'Stops the kernel after this long without work.')}
        {field('maxLifetime', 'Maximum lifetime', (id, invalid, describedBy) => (
          <input id={id} className="input mono" value={form.maxLifetime} onChange={(e) => set('maxLifetime')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} placeholder="PT8H or seconds (empty: never)" />
        ), 'Stops the kernel this long after its start.')}
        {field('packages', 'Packages', (id, invalid, describedBy) => (
          <textarea id={id} className="input kernel-packages mono" rows={4} value={form.packages} onChange={(e) => set('packages')(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} placeholder={'scikit-learn==1.5.2\nrequests'} />
        ), 'Extra pip requirements, one per line, on top of the image (polars, pandas, pyarrow, matplotlib, ...). Resolved once into a lock and built into an image of their own at the first start.')}
      </div>
      <div className="kernel-form-actions">
        <button type="button" className="button" onClick={props.onCancel}>Cancel</button>
        <button type="submit" className="button primary" disabled={saving}>{saving ? 'Creating…' : 'Create kernel'}</button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// A kernel's card

export function StateBadge(props: { state: string | undefined; queuePosition?: number }) {
  const state = props.state ?? 'STOPPED';
  return (
    <span className={`kernel-badge state-${state.toLowerCase()}`} data-state={state}>
      <span className="kernel-badge-dot" aria-hidden="true" />
      {badgeLabel(state, props.queuePosition)}
    </span>
  );
}

export function MemoryBar(props: { usedBytes: number; limitBytes: number; percent: number; compact?: boolean }) {
  const percent = Math.max(0, Math.min(100, props.percent));
  const level = memoryLevel(props.percent);
  return (
    <div className={`kernel-memory${props.compact ? ' is-compact' : ''}`}>
      <div className="kernel-memory-bar" role="meter" aria-label="Memory" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} data-level={level}>
        <div className={`kernel-memory-fill level-${level}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="kernel-memory-text">
        {formatBytes(props.usedBytes)} of {formatBytes(props.limitBytes)} ({percent.toFixed(0)} %)
      </span>
    </div>
  );
}

/**
 * The kernel's environment as locked: asked for when opened (and again when the kernel's image
 * changes), its own packages first with the versions they resolved to, then everything else.
 */
function LockedPackages(props: { kernelId: string; image: string | undefined }) {
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

function KernelCard(props: { kernel: KernelDto; me: string | undefined; onChanged: (kernel: KernelDto) => void; onDeleted: () => void }) {
  const { kernel } = props;
  const [working, setWorking] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const state = kernel.state ?? 'STOPPED';
  const running = isRunning(state);
  const busy = isBusy(state);
  const kind = reasonKind(kernel.reason);
  const hash = environmentHash(kernel.image);
  const packages = kernel.packages ?? [];

  const act = async (action: 'start' | 'stop' | 'restart' | 'interrupt') => {
    setWorking(action);
    setFailure(undefined);
    try {
      props.onChanged(await kernelAction(kernel.id!, action));
    } catch (cause) {
      setFailure(messageOf(cause));
    } finally {
      setWorking(undefined);
    }
  };

  const remove = async () => {
    setWorking('delete');
    try {
      await call(api.DELETE('/api/kernels/{id}', { params: { path: { id: kernel.id! } } }));
      setConfirmDelete(false);
      props.onDeleted();
    } catch (cause) {
      setFailure(messageOf(cause));
      setConfirmDelete(false);
    } finally {
      setWorking(undefined);
    }
  };

  return (
    <article className={`kernel-card state-${state.toLowerCase()}`} aria-label={`Kernel ${kernel.id}`} data-kernel={kernel.id}>
      <header className="kernel-card-head">
        <div className="kernel-card-title">
          <strong>{kernel.name && kernel.name !== kernel.id ? kernel.name : kernel.id}</strong>
          <span className="muted mono">{kernel.id}{kernel.owner && kernel.owner !== props.me ? ` · ${kernel.owner}` : ''}</span>
        </div>
        <StateBadge state={state} queuePosition={kernel.queuePosition} />
      </header>

      {state === 'PENDING' && (
        <p className="kernel-reason is-pending">
          Waiting for a free place{(kernel.queuePosition ?? 0) > 0 ? ` (${ordinal(kernel.queuePosition!)} in line)` : ''}: your other kernels use the allowed number of running kernels; it starts as soon as one stops.
          {kernel.reason ? ` ${kernel.reason}` : ''}
        </p>
      )}
      {kernel.reason && state !== 'PENDING' && (state === 'ERROR' || state === 'STOPPED') && (
        <p className={`kernel-reason${state === 'ERROR' ? ' is-error' : ''}`} data-testid="kernel-reason">
          {kind && <strong>{kind[0].toUpperCase() + kind.slice(1)}: </strong>}
          <span className="kernel-reason-text">{kernel.reason}</span>
        </p>
      )}

      <dl className="kernel-facts">
        <div><dt>Memory</dt><dd>{kernel.memoryGb} GB</dd></div>
        <div><dt>CPU</dt><dd>{kernel.cpus} {kernel.cpus === 1 ? 'core' : 'cores'}</dd></div>
        <div><dt>GPU</dt><dd>{formatGpus(kernel.gpus)}</dd></div>
        <div><dt>Recovery</dt><dd>{kernel.recoveryMode}</dd></div>
        <div><dt>Idle timeout</dt><dd>{formatDuration(kernel.idleTimeout)}</dd></div>
        <div><dt>Lifetime</dt><dd>{formatDuration(kernel.maxLifetime)}</dd></div>
      </dl>

      <div className="kernel-packages-line">
        <span className="muted">Packages: </span>
        {packages.length === 0 ? <span className="muted">the image's (polars, pandas, pyarrow, matplotlib, …)</span>
          : packages.map((name) => <code key={name} className="kernel-package">{name}</code>)}
        {hash && <div className="muted">Environment <code title={kernel.image}>{hash}</code></div>}
        {packages.length > 0 && !hash && <div className="muted">Resolved and built into its own image at the first start.</div>}
        <LockedPackages kernelId={kernel.id!} image={kernel.image} />
      </div>

      {running && (
        <div className="kernel-usage" aria-label="Usage">
          {kernel.usage ? (
            <>
              <MemoryBar usedBytes={kernel.usage.memoryUsedBytes ?? 0} limitBytes={kernel.usage.memoryLimitBytes ?? 0} percent={kernel.usage.memoryPercent ?? 0} />
              <span className="kernel-cpu"><Cpu size={13} aria-hidden="true" /> CPU {(kernel.usage.cpuPercent ?? 0).toFixed(1)} %</span>
            </>
          ) : <span className="muted">Measuring memory and CPU…</span>}
          {(kernel.queued ?? 0) > 0 && <span className="muted">{kernel.queued} execution{kernel.queued === 1 ? '' : 's'} queued</span>}
        </div>
      )}

      {failure && <p className="error-text" role="alert">{failure}</p>}

      <footer className="kernel-actions">
        {!running && !busy ? (
          <button type="button" className="button primary" disabled={working !== undefined} onClick={() => void act('start')}>
            <Play size={13} aria-hidden="true" /> {working === 'start' ? 'Starting…' : 'Start'}
          </button>
        ) : (
          <button type="button" className="button" disabled={working !== undefined} onClick={() => void act('stop')}>
            <Square size={13} aria-hidden="true" /> Stop
          </button>
        )}
        <button type="button" className="button" disabled={working !== undefined || !(running || state === 'ERROR')} onClick={() => void act('restart')}>
          <RotateCcw size={13} aria-hidden="true" /> Restart
        </button>
        <button type="button" className="button" disabled={working !== undefined || state !== 'EXECUTING'} onClick={() => void act('interrupt')} title="Interrupt the running cell (KeyboardInterrupt)">
          <Zap size={13} aria-hidden="true" /> Interrupt
        </button>
        <button type="button" className="button" disabled={!running || (kernel.owner !== undefined && kernel.owner !== props.me)} onClick={() => setConnecting(true)}
          title={kernel.owner !== props.me ? 'Only its owner can attach to a kernel' : 'Attach jupyter console or any Jupyter client'}>
          <Plug size={13} aria-hidden="true" /> Connect a Jupyter client
        </button>
        <span className="kernel-actions-spacer" />
        <button type="button" className="button danger" disabled={working !== undefined} onClick={() => setConfirmDelete(true)}>
          <Trash2 size={13} aria-hidden="true" /> Delete
        </button>
      </footer>

      {confirmDelete && (
        <Dialog
          title={`Delete kernel ${kernel.id}?`}
          onClose={() => setConfirmDelete(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>Cancel</button>
              <button type="button" className="button primary danger-fill" disabled={working === 'delete'} onClick={() => void remove()}>Delete kernel</button>
            </>
          }
        >
          <p>{running ? 'The kernel is running: it is stopped, and every variable in it is lost. ' : ''}Its definition is removed; Python Script nodes that use it fail validation until they pick another kernel.</p>
        </Dialog>
      )}
      {connecting && <ConnectionDialog kernelId={kernel.id!} onClose={() => setConnecting(false)} />}
    </article>
  );
}

function ConnectionDialog(props: { kernelId: string; onClose: () => void }) {
  const [connection, setConnection] = useState<{ connectionFile?: unknown; path?: string; command?: string }>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    call(api.GET('/api/kernels/{id}/connection', { params: { path: { id: props.kernelId } } }))
      .then(setConnection)
      .catch((cause: unknown) => setFailure(messageOf(cause)));
  }, [props.kernelId]);
  return (
    <Dialog title={`Connect a Jupyter client to ${props.kernelId}`} onClose={props.onClose}
      footer={<button type="button" className="button" onClick={props.onClose}>Close</button>}>
      {failure ? <p className="error-text" role="alert">{failure}</p> : !connection ? <p className="muted">Loading…</p> : (
        <div className="kernel-connection">
          <p>On the server's machine, attach a console to the running kernel (it shares the kernel with the flows that use it):</p>
          <pre className="kernel-code" aria-label="Command">{connection.command}</pre>
          <p>The connection file (<code>{connection.path}</code>) — its key lets anyone who has it run code in the kernel; keep it private:</p>
          <pre className="kernel-code" aria-label="Connection file">{JSON.stringify(connection.connectionFile, null, 2)}</pre>
        </div>
      )}
    </Dialog>
  );
}
