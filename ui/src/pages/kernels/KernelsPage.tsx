/**
 * The kernel manager (/kernels): whether Docker and the kernel image are there (and the button that
 * builds the image), the form that defines a kernel, and a live card per kernel with its state,
 * resources, memory and CPU, and its actions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { AlertTriangle, Cpu, Hammer, Play, Plug, Plus, RotateCcw, Square, Trash2, Zap } from 'lucide-react';
import { api, call } from '../../api/client';
import type { Me } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { TopBar } from '../../components/TopBar';
import { formatBytes } from '../../components/format';
import {
  badgeLabel, environmentHash, formatDuration, formatGpus, isBusy, isRunning, kernelAction, memoryLevel, ordinal,
  reasonKind, useKernels, type DockerStatus, type KernelDto,
} from './kernelModel';
import { CreateKernelForm } from './CreateKernelForm';
import { LockedPackages } from './LockedPackages';
import { messageOf } from '../designer/store';
import './kernels.css';

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
