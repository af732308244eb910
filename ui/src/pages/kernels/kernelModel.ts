// Kernels as the page and the Python Script panel see them: the list (GET /api/kernels) kept live by
// the kernel events (SSE GET /api/kernels/events: `state` on every change, `stats` every 2 s), plus
// the small pure rules the UI applies (state labels, memory levels, reasons, form errors).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type KernelDto = components['schemas']['KernelDto'];
export type KernelUsage = components['schemas']['Usage'];
export type DockerStatus = components['schemas']['DockerStatus'];
export type KernelRequest = components['schemas']['KernelRequest'];
export type KernelEnvironment = components['schemas']['KernelEnvironment'];

export type KernelStateName = 'STOPPED' | 'PENDING' | 'STARTING' | 'READY' | 'EXECUTING' | 'ERROR';

export const STATE_LABELS: Record<KernelStateName, string> = {
  STOPPED: 'Stopped',
  PENDING: 'Pending',
  STARTING: 'Starting',
  READY: 'Ready',
  EXECUTING: 'Executing',
  ERROR: 'Error',
};

export function stateLabel(state: string | undefined): string {
  return STATE_LABELS[(state ?? 'STOPPED') as KernelStateName] ?? state ?? 'Unknown';
}

/** A place in a queue as people say it: 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(place: number): string {
  const tens = place % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[place % 10] ?? 'th';
  return `${place}${suffix}`;
}

/** The badge's text: the state, and a pending kernel's place in its owner's queue. */
export function badgeLabel(state: string | undefined, queuePosition?: number): string {
  const label = stateLabel(state);
  return state === 'PENDING' && queuePosition && queuePosition > 0 ? `${label} · ${ordinal(queuePosition)} in line` : label;
}

/** Whether cells can run on a kernel in this state. */
export function isRunning(state: string | undefined): boolean {
  return state === 'READY' || state === 'EXECUTING';
}

export function isBusy(state: string | undefined): boolean {
  return state === 'STARTING' || state === 'PENDING';
}

/** The colour level of a memory bar: green, orange above 80 %, red above 95 %. */
export function memoryLevel(percent: number): 'ok' | 'high' | 'critical' {
  if (percent > 95) return 'critical';
  if (percent > 80) return 'high';
  return 'ok';
}

/** A short name for why a kernel stopped or failed, from the manager's reason text. */
export function reasonKind(reason: string | undefined | null): string | undefined {
  if (!reason) return undefined;
  const text = reason.toLowerCase();
  if (text.includes('out of memory') || text.includes('memory limit')) return 'out of memory';
  const exit = /exit code (-?\d+)/.exec(text);
  if (text.includes('died') || exit) return exit ? `crashed with exit code ${exit[1]}` : 'crashed';
  if (text.includes('idle timeout') || text.startsWith('idle for')) return 'idle timeout';
  if (text.includes('lifetime')) return 'lifetime reached';
  if (text.includes('heartbeat')) return 'heartbeat lost';
  return undefined;
}


/** "PT30M" / "PT0S" / "PT1H30M" as words ("30 min", "no limit"). */
export function formatDuration(iso: string | undefined): string {
  if (!iso || iso === 'PT0S' || iso === '0') return 'no limit';
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso);
  if (!match) return iso;
  const parts: string[] = [];
  if (match[1]) parts.push(`${match[1]} h`);
  if (match[2]) parts.push(`${match[2]} min`);
  if (match[3]) parts.push(`${match[3]} s`);
  return parts.join(' ') || 'no limit';
}

export function formatGpus(gpus: number | undefined): string {
  if (!gpus) return 'no GPU';
  if (gpus < 0) return 'all GPUs';
  return gpus === 1 ? '1 GPU' : `${gpus} GPUs`;
}

/** The environment hash of a kernel with packages: the tag of its derived image. */
export function environmentHash(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const match = /^flowfile-kernel-env:(.+)$/.exec(image);
  return match ? match[1] : undefined;
}

/** Form fields of the create form, named as the request's properties. */
export type KernelField = 'id' | 'name' | 'packages' | 'memoryGb' | 'cpus' | 'gpus' | 'recoveryMode' | 'idleTimeout' | 'maxLifetime';

const FIELDS: readonly KernelField[] = ['id', 'name', 'packages', 'memoryGb', 'cpus', 'gpus', 'recoveryMode', 'idleTimeout', 'maxLifetime'];

/**
 * The server's refusal of a kernel definition, spread over the form's fields: it answers
 * `{message, problems: [{path, message}]}` with one problem per bad value, its path the request's
 * field (memoryGb, cpus, ...; a taken id too). Problems of no known field, and a refusal without
 * problems (a malformed body, an unreachable server), stay general.
 */
export function fieldErrors(message: string, problems: readonly { path?: string | null; message?: string | null }[] = []): {
  fields: Partial<Record<KernelField, string[]>>;
  general: string[];
} {
  const fields: Partial<Record<KernelField, string[]>> = {};
  const general: string[] = [];
  for (const problem of problems) {
    if (!problem.message) continue;
    const field = FIELDS.find((name) => name === problem.path);
    if (field) (fields[field] ??= []).push(problem.message);
    else general.push(problem.message);
  }
  if (problems.length === 0 && message) general.push(message);
  return { fields, general };
}

/** A kernel event of GET /api/kernels/events applied to the list. */
export function applyKernelEvent(kernels: KernelDto[], name: string, data: Record<string, unknown>): KernelDto[] {
  const id = typeof data.kernel === 'string' ? data.kernel : undefined;
  if (!id) return kernels;
  return kernels.map((kernel) => {
    if (kernel.id !== id) return kernel;
    if (name === 'stats') return { ...kernel, usage: data.usage as KernelUsage };
    if (name === 'state') {
      const state = String(data.state);
      return {
        ...kernel,
        state,
        reason: typeof data.reason === 'string' && data.reason !== '' ? data.reason : undefined,
        usage: isRunning(state) ? kernel.usage : undefined,
      };
    }
    return kernel;
  });
}

export interface KernelsHandle {
  kernels: KernelDto[] | undefined;
  error: string | undefined;
  reload: () => Promise<void>;
  /** Replaces one kernel with the server's answer (after start, stop, ...). */
  put: (kernel: KernelDto) => void;
}

/** The kernels I may see, kept live by the kernel events. */
export function useKernels(): KernelsHandle {
  const [kernels, setKernels] = useState<KernelDto[]>();
  const [error, setError] = useState<string>();
  const sequence = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++sequence.current;
    try {
      const list = await call(api.GET('/api/kernels'));
      if (mine === sequence.current) {
        setKernels(list);
        setError(undefined);
      }
    } catch (failure) {
      if (mine === sequence.current) setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, []);

  useEffect(() => {
    void reload();
    let source: EventSource | undefined;
    let retry: number | undefined;
    let closed = false;
    let refetch: number | undefined;
    const open = () => {
      if (closed) return;
      source = new EventSource('/api/kernels/events');
      const handle = (name: string) => (message: MessageEvent<string>) => {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        sequence.current += 1; // an answer of an older reload must not undo this event
        setKernels((list) => (list ? applyKernelEvent(list, name, data) : list));
        if (name === 'state') {
          // The event carries the state and reason; the rest (start time, queue, image) comes with the list.
          window.clearTimeout(refetch);
          refetch = window.setTimeout(() => void reload(), 150);
        }
      };
      source.addEventListener('state', handle('state'));
      source.addEventListener('stats', handle('stats'));
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = window.setTimeout(() => {
            void reload();
            open();
          }, 3000);
        }
      };
    };
    open();
    return () => {
      closed = true;
      window.clearTimeout(retry);
      window.clearTimeout(refetch);
      source?.close();
    };
  }, [reload]);

  const put = useCallback((kernel: KernelDto) => {
    sequence.current += 1;
    setKernels((list) => {
      if (!list) return [kernel];
      return list.some((k) => k.id === kernel.id) ? list.map((k) => (k.id === kernel.id ? kernel : k)) : [...list, kernel];
    });
  }, []);

  return { kernels, error, reload, put };
}

/** POST /api/kernels/{id}/{action}: the kernel as the server answers. */
export async function kernelAction(id: string, action: 'start' | 'stop' | 'restart' | 'interrupt'): Promise<KernelDto> {
  const params = { params: { path: { id } } };
  switch (action) {
    case 'start':
      return call(api.POST('/api/kernels/{id}/start', params));
    case 'stop':
      return call(api.POST('/api/kernels/{id}/stop', params));
    case 'restart':
      return call(api.POST('/api/kernels/{id}/restart', params));
    case 'interrupt':
      return call(api.POST('/api/kernels/{id}/interrupt', params));
  }
}
