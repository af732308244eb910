// Create or change a schedule: the flow and version, the trigger with its meaning and next fire
// times shown live (in its zone, UTC beside), parameters, and every policy with its default.
import { useEffect, useMemo, useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { api, call, ApiFailure } from '../../api/client';
import type { components } from '../../api/schema';
import { Dialog } from '../../components/Dialog';
import { useDesigner } from '../designer/store';
import type { Schedule } from './SchedulesPage';

type Schemas = components['schemas'];
type Trigger = Schemas['TriggerDto'];
type Policies = Schemas['PoliciesDto'];
type Preview = Schemas['TriggerPreviewDto'];
type Problem = { path?: string; message?: string };

const ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

interface FormState {
  flow: string;
  version: string;
  type: 'cron' | 'interval' | 'after_flow';
  cron: string;
  zone: string;
  intervalSeconds: string;
  afterFlow: string;
  parameters: { name: string; value: string }[];
  overlap: NonNullable<Policies['overlap']>;
  missed: NonNullable<Policies['missed']>;
  missedCap: string;
  retries: string;
  retryBackoffSeconds: string;
  timeoutSeconds: string;
  pauseAfterFailures: string;
  webhookUrl: string;
  webhookOn: string[];
}

function initial(schedule: Schedule | undefined): FormState {
  const policies = schedule?.policies ?? {};
  return {
    flow: schedule?.flow ?? '',
    version: schedule?.version ? String(schedule.version) : '',
    type: (schedule?.trigger?.type as FormState['type']) ?? 'cron',
    cron: schedule?.trigger?.cron ?? '0 6 * * *',
    zone: schedule?.trigger?.zone ?? 'UTC',
    intervalSeconds: schedule?.trigger?.intervalSeconds ? String(schedule.trigger.intervalSeconds) : '3600',
    afterFlow: schedule?.trigger?.afterFlow ?? '',
    parameters: Object.entries(schedule?.parameters ?? {}).map(([name, value]) => ({ name, value })),
    overlap: policies.overlap ?? 'skip',
    missed: policies.missed ?? 'last',
    missedCap: String(policies.missedCap ?? 10),
    retries: String(policies.retries ?? 0),
    retryBackoffSeconds: String(policies.retryBackoffSeconds ?? 60),
    timeoutSeconds: policies.timeoutSeconds ? String(policies.timeoutSeconds) : '',
    pauseAfterFailures: policies.pauseAfterFailures ? String(policies.pauseAfterFailures) : '',
    webhookUrl: schedule?.webhook?.url ?? '',
    webhookOn: schedule?.webhook?.on ?? ['failure', 'recovery'],
  };
}

function triggerOf(form: FormState): Trigger {
  switch (form.type) {
    case 'cron': return { type: 'cron', cron: form.cron.trim(), zone: form.zone };
    case 'interval': return { type: 'interval', intervalSeconds: Number(form.intervalSeconds) };
    case 'after_flow': return { type: 'after_flow', afterFlow: form.afterFlow };
  }
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));

export function ScheduleForm(props: { schedule?: Schedule; onClose: () => void; onSaved: () => void }) {
  const [form, setForm] = useState<FormState>(() => initial(props.schedule));
  const [flows, setFlows] = useState<Schemas['FlowDto'][]>([]);
  const [versions, setVersions] = useState<Schemas['VersionDto'][]>([]);
  const [preview, setPreview] = useState<Preview>();
  const [previewError, setPreviewError] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const notify = useDesigner((state) => state.notify);
  const update = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((current) => ({ ...current, [key]: value }));

  useEffect(() => {
    call(api.GET('/api/flows')).then(setFlows, (failure) => setError('The registered flows could not be listed: ' + failure.message));
  }, []);
  useEffect(() => {
    if (!form.flow) return;
    call(api.GET('/api/flows/{name}/versions', { params: { path: { name: form.flow } } })).then(setVersions, () => setVersions([]));
  }, [form.flow]);

  // The trigger's meaning and next fire times, asked of the server as the trigger changes.
  const trigger = useMemo(() => triggerOf(form), [form.type, form.cron, form.zone, form.intervalSeconds, form.afterFlow]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call(api.POST('/api/schedules/preview', { body: { trigger, count: 5 } })).then(
        (answer) => { if (current) { setPreview(answer); setPreviewError(undefined); } },
        (failure) => { if (current) { setPreview(undefined); setPreviewError(failure instanceof ApiFailure && failure.problems.length ? failure.problems.map((problem) => problem.message).join('; ') : failure.message); } },
      );
    }, 250);
    return () => { current = false; clearTimeout(timer); };
  }, [trigger]);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    setProblems([]);
    const body = {
      flow: form.flow,
      version: number(form.version),
      trigger,
      parameters: Object.fromEntries(form.parameters.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value])),
      policies: {
        overlap: form.overlap, missed: form.missed, missedCap: number(form.missedCap), retries: number(form.retries),
        retryBackoffSeconds: number(form.retryBackoffSeconds), timeoutSeconds: number(form.timeoutSeconds), pauseAfterFailures: number(form.pauseAfterFailures),
      },
      webhook: form.webhookUrl.trim() ? { url: form.webhookUrl.trim(), on: form.webhookOn } : undefined,
    };
    try {
      if (props.schedule?.id) {
        await call(api.PUT('/api/schedules/{id}', { params: { path: { id: props.schedule.id } }, body }));
      } else {
        await call(api.POST('/api/schedules', { body }));
      }
      notify('success', props.schedule ? `Saved the schedule of '${form.flow}'.` : `'${form.flow}' is scheduled.`);
      props.onSaved();
    } catch (failure) {
      setSaving(false);
      setError(failure instanceof Error ? failure.message : String(failure));
      if (failure instanceof ApiFailure) setProblems(failure.problems);
    }
  };

  const problemAt = (...paths: string[]) => problems.filter((problem) => paths.some((path) => problem.path === path || problem.path?.endsWith('.' + path)))
    .map((problem) => problem.message).join('; ');

  return (
    <Dialog title={props.schedule ? `Edit the schedule of '${props.schedule.flow}'` : 'New schedule'} onClose={props.onClose}
      footer={<>
        <button className="button" onClick={props.onClose}>Cancel</button>
        <button className="button primary" disabled={saving || !form.flow} onClick={() => void save()}>{props.schedule ? 'Save' : 'Create schedule'}</button>
      </>}>
      <div className="schedule-form">
        {error && <p className="error-text" role="alert">{error}</p>}
        <div className="row">
          <label className="field grow">
            <span>Registered flow</span>
            <select className="input" aria-label="Registered flow" value={form.flow} disabled={Boolean(props.schedule)} onChange={(event) => update('flow', event.target.value)}>
              <option value="">Choose a flow…</option>
              {flows.map((flow) => <option key={flow.name} value={flow.name}>{flow.name}</option>)}
            </select>
            <Problem text={problemAt('flow')} />
          </label>
          <label className="field">
            <span>Version</span>
            <select className="input" aria-label="Version" value={form.version} onChange={(event) => update('version', event.target.value)}>
              <option value="">The latest at each fire</option>
              {versions.map((version) => <option key={version.version} value={version.version}>version {version.version}</option>)}
            </select>
            <Problem text={problemAt('version')} />
          </label>
        </div>

        <fieldset>
          <legend>When</legend>
          <div className="segmented" role="radiogroup" aria-label="Trigger">
            {(['cron', 'interval', 'after_flow'] as const).map((type) => (
              <button key={type} role="radio" aria-checked={form.type === type} className={form.type === type ? 'active' : ''} onClick={() => update('type', type)}>
                {type === 'cron' ? 'Cron' : type === 'interval' ? 'Interval' : 'After another flow'}
              </button>
            ))}
          </div>
          {form.type === 'cron' && (
            <div className="row">
              <label className="field grow">
                <span>Cron expression <span className="muted">(minute hour day month weekday, or @daily, @hourly…)</span></span>
                <input className="input mono" aria-label="Cron expression" value={form.cron} onChange={(event) => update('cron', event.target.value)} aria-invalid={Boolean(previewError)} />
              </label>
              <label className="field">
                <span>Time zone</span>
                <input className="input" aria-label="Time zone" list="schedule-zones" value={form.zone} onChange={(event) => update('zone', event.target.value)} />
                <datalist id="schedule-zones">{ZONES.map((zone) => <option key={zone} value={zone} />)}</datalist>
              </label>
            </div>
          )}
          {form.type === 'interval' && (
            <label className="field">
              <span>Every (seconds, at least 60)</span>
              <input className="input" type="number" min={60} aria-label="Interval in seconds" value={form.intervalSeconds} onChange={(event) => update('intervalSeconds', event.target.value)} />
            </label>
          )}
          {form.type === 'after_flow' && (
            <label className="field">
              <span>After a successful run of</span>
              <select className="input" aria-label="After flow" value={form.afterFlow} onChange={(event) => update('afterFlow', event.target.value)}>
                <option value="">Choose a flow…</option>
                {flows.map((flow) => <option key={flow.name} value={flow.name}>{flow.name}</option>)}
              </select>
            </label>
          )}
          <div className="preview-times" aria-label="Next fire times" aria-live="polite">
            {previewError ? <p className="error-text">{previewError}</p> : preview ? (
              <>
                <p><b>{preview.description}</b></p>
                {(preview.fireTimes ?? []).length > 0 && (
                  <table className="table compact">
                    <thead><tr><th>Next fire times ({preview.zone})</th><th>UTC</th></tr></thead>
                    <tbody>{(preview.fireTimes ?? []).map((time) => <tr key={time.utc}><td className="mono">{time.local}</td><td className="mono muted">{time.utc}</td></tr>)}</tbody>
                  </table>
                )}
              </>
            ) : <p className="muted">…</p>}
          </div>
        </fieldset>

        <fieldset>
          <legend>Parameters of its runs <span className="muted">(empty: the flow's defaults)</span></legend>
          {form.parameters.map((row, index) => (
            <div className="row" key={index}>
              <input className="input mono" aria-label={`Parameter name (row ${index + 1})`} placeholder="name" value={row.name}
                onChange={(event) => update('parameters', form.parameters.map((other, at) => (at === index ? { ...other, name: event.target.value } : other)))} />
              <input className="input grow" aria-label={`Parameter value (row ${index + 1})`} placeholder="value" value={row.value}
                onChange={(event) => update('parameters', form.parameters.map((other, at) => (at === index ? { ...other, value: event.target.value } : other)))} />
              <button className="button icon" aria-label={`Remove parameter ${index + 1}`} onClick={() => update('parameters', form.parameters.filter((_, at) => at !== index))}><Trash2 size={14} /></button>
            </div>
          ))}
          <button className="button" onClick={() => update('parameters', [...form.parameters, { name: '', value: '' }])}><Plus size={14} /> Add a parameter</button>
        </fieldset>

        <fieldset>
          <legend>Policies</legend>
          <div className="grid-2">
            <label className="field"><span>While the previous run still runs</span>
              <select className="input" aria-label="Overlap" value={form.overlap} onChange={(event) => update('overlap', event.target.value as FormState['overlap'])}>
                <option value="skip">Skip the tick (default)</option><option value="queue">Queue it</option><option value="cancel_running">Cancel the running one</option>
              </select></label>
            <label className="field"><span>Ticks missed while no server ran</span>
              <select className="input" aria-label="Missed ticks" value={form.missed} onChange={(event) => update('missed', event.target.value as FormState['missed'])}>
                <option value="none">Run none</option><option value="last">Run the last one (default)</option><option value="all">Run all, up to a cap</option>
              </select></label>
            {form.missed === 'all' && (
              <label className="field"><span>At most (default 10)</span>
                <input className="input" type="number" min={1} aria-label="Missed cap" value={form.missedCap} onChange={(event) => update('missedCap', event.target.value)} /></label>
            )}
            <label className="field"><span>Retries of a failed run (default 0)</span>
              <input className="input" type="number" min={0} aria-label="Retries" value={form.retries} onChange={(event) => update('retries', event.target.value)} />
              <Problem text={problemAt('policies.retries', 'retries')} /></label>
            <label className="field"><span>Seconds between retries (default 60)</span>
              <input className="input" type="number" min={1} aria-label="Retry backoff" value={form.retryBackoffSeconds} onChange={(event) => update('retryBackoffSeconds', event.target.value)} /></label>
            <label className="field"><span>Timeout in seconds (empty: none)</span>
              <input className="input" type="number" min={1} aria-label="Timeout" value={form.timeoutSeconds} onChange={(event) => update('timeoutSeconds', event.target.value)} /></label>
            <label className="field"><span>Pause after failures in a row (empty: never)</span>
              <input className="input" type="number" min={1} aria-label="Pause after failures" value={form.pauseAfterFailures} onChange={(event) => update('pauseAfterFailures', event.target.value)} /></label>
          </div>
        </fieldset>

        <fieldset>
          <legend>Webhook <span className="muted">(optional: a POST of JSON when a tick ends)</span></legend>
          <label className="field"><span>URL</span>
            <input className="input" aria-label="Webhook URL" placeholder="https://hooks.example.com/flowfile" value={form.webhookUrl} onChange={(event) => update('webhookUrl', event.target.value)} />
            <Problem text={problemAt('webhook.url', 'url')} /></label>
          <div className="row">
            {['failure', 'success', 'recovery'].map((when) => (
              <label key={when} className="check">
                <input type="checkbox" checked={form.webhookOn.includes(when)}
                  onChange={(event) => update('webhookOn', event.target.checked ? [...form.webhookOn, when] : form.webhookOn.filter((other) => other !== when))} />
                on {when}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </Dialog>
  );
}

function Problem(props: { text: string }) {
  return props.text ? <span className="error-text small">{props.text}</span> : null;
}
