// A run's live events (server-sent events): every event has an id, so a reconnect resumes after the
// last one seen (EventSource sends Last-Event-ID by itself).

export type RunEventName =
  | 'run' | 'queued' | 'running' | 'output' | 'display' | 'exchanged'
  | 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'end';

export const RUN_EVENT_NAMES: RunEventName[] = [
  'run', 'queued', 'running', 'output', 'display', 'exchanged', 'succeeded', 'failed', 'skipped', 'cancelled', 'end',
];

export interface RunEvent {
  id: number;
  event: RunEventName;
  data: Record<string, unknown>;
}

/** Follows a run's events until its `end` event or until the returned function is called. */
export function followRun(runId: string, onEvent: (event: RunEvent) => void, onLost: (message: string) => void): () => void {
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
  let ended = false;
  let failures = 0;
  for (const name of RUN_EVENT_NAMES) {
    source.addEventListener(name, (message) => {
      failures = 0;
      const event = message as MessageEvent<string>;
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(event.data);
      } catch {
        data = { text: event.data };
      }
      onEvent({ id: Number(event.lastEventId), event: name, data });
      if (name === 'end') {
        ended = true;
        source.close();
      }
    });
  }
  source.onerror = () => {
    if (ended) return;
    failures += 1;
    if (failures >= 5 || source.readyState === EventSource.CLOSED) {
      source.close();
      onLost('The connection to the run\'s events was lost; reload the page to see how the run ended.');
    }
  };
  return () => {
    ended = true;
    source.close();
  };
}
