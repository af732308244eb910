// Schedules: registered flows that run by themselves. The list (what fires when, what happened
// last), a form with the next fire times live, and each schedule's ticks — why it ran or did not.
import { useEffect, useState } from 'react';
import { CalendarClock, Pause, Play, Plus, Trash2, Zap } from 'lucide-react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { Me } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { TopBar } from '../../components/TopBar';
import { Link, Loading, StateBadge, flowPath, formatTime, runPath, useLoad } from '../catalog/common';
import { messageOf, useDesigner } from '../designer/store';
import { ScheduleForm } from './ScheduleForm';
import './schedules.css';

type Schemas = components['schemas'];
export type Schedule = Schemas['ScheduleDto'];
export type Tick = Schemas['TickDto'];

export function SchedulesPage(props: { user: Me; onLogout: () => void; path: string }) {
  const match = /^\/schedules\/([0-9a-f-]{36})$/.exec(props.path);
  return (
    <div className="shell">
      <TopBar user={props.user} onLogout={props.onLogout} />
      <main className="page schedules-page">
        {match ? <ScheduleDetail id={match[1]} /> : <ScheduleList />}
      </main>
    </div>
  );
}

/** Pause, resume, run now and delete, with what went wrong told where the user looks. */
function useScheduleActions(reload: () => void) {
  const notify = useDesigner((state) => state.notify);
  const act = async (what: string, request: () => Promise<unknown>, done?: string) => {
    try {
      await request();
      if (done) notify('success', done);
      reload();
    } catch (failure) {
      notify('error', `${what} failed: ${messageOf(failure)}`);
    }
  };
  return {
    pause: (schedule: Schedule) => act('Pausing', () => call(api.POST('/api/schedules/{id}/pause', { params: { path: { id: schedule.id! } } }))),
    resume: (schedule: Schedule) => act('Resuming', () => call(api.POST('/api/schedules/{id}/resume', { params: { path: { id: schedule.id! } } }))),
    runNow: (schedule: Schedule) => act('Run now', () => call(api.POST('/api/schedules/{id}/run', { params: { path: { id: schedule.id! } } })),
      `Started a run of '${schedule.flow}'.`),
    remove: (schedule: Schedule) => act('Deleting', () => call(api.DELETE('/api/schedules/{id}', { params: { path: { id: schedule.id! } } })),
      `Deleted the schedule of '${schedule.flow}'.`),
  };
}

function ScheduleList() {
  const loaded = useLoad(() => call(api.GET('/api/schedules')), []);
  const [editing, setEditing] = useState<Schedule | 'new'>();
  const [deleting, setDeleting] = useState<Schedule>();
  const actions = useScheduleActions(loaded.reload);
  useEffect(() => {
    const timer = setInterval(loaded.reload, 15_000);
    return () => clearInterval(timer);
  }, [loaded.reload]);
  return (
    <>
      <div className="page-head">
        <h1>Schedules</h1>
        <span className="muted">Registered flows that run by themselves: on a cron in a time zone, every so often, or after another flow.</span>
        <div className="spacer" />
        <button className="button primary" onClick={() => setEditing('new')}><Plus size={15} /> New schedule</button>
      </div>
      <Loading loaded={loaded} what="the schedules">
        {(schedules) => schedules.length === 0 ? (
          <div className="empty">
            <CalendarClock size={28} />
            <p>No schedules yet. A schedule runs a <b>registered</b> flow: register one from the designer, then press <b>New schedule</b>.</p>
          </div>
        ) : (
          <table className="table" aria-label="Schedules">
            <thead><tr><th>Flow</th><th>When</th><th>Next</th><th>Last</th><th>State</th><th /></tr></thead>
            <tbody>
              {schedules.map((schedule) => (
                <tr key={schedule.id}>
                  <td>
                    <Link to={flowPath(schedule.flow!)}>{schedule.flow}</Link>
                    <div className="muted small">{schedule.version ? `version ${schedule.version}` : 'latest version'} · {schedule.owner}</div>
                  </td>
                  <td>
                    <Link to={`/schedules/${schedule.id}`}>{schedule.description}</Link>
                    <div className="muted small mono">{triggerText(schedule)}</div>
                  </td>
                  <td>{schedule.nextFireTime ? <FireTime local={schedule.nextFireTime.local} utc={schedule.nextFireTime.utc} /> : <span className="muted">—</span>}</td>
                  <td>{schedule.lastTick ? <><StateBadge state={schedule.lastTick.outcome} /> <span className="muted small">{formatTime(schedule.lastTick.fireTime)}</span></> : <span className="muted">never fired</span>}</td>
                  <td>
                    {schedule.paused
                      ? <span className="badge paused" title={schedule.pausedReason ?? undefined}>paused{schedule.pausedReason ? ' — ' + schedule.pausedReason : ''}</span>
                      : <span className="badge active">active</span>}
                  </td>
                  <td className="actions">
                    {schedule.paused
                      ? <button className="button icon" aria-label={`Resume ${schedule.flow}`} title="Resume" onClick={() => void actions.resume(schedule)}><Play size={14} /></button>
                      : <button className="button icon" aria-label={`Pause ${schedule.flow}`} title="Pause" onClick={() => void actions.pause(schedule)}><Pause size={14} /></button>}
                    <button className="button icon" aria-label={`Run ${schedule.flow} now`} title="Run now" onClick={() => void actions.runNow(schedule)}><Zap size={14} /></button>
                    <button className="button" onClick={() => setEditing(schedule)}>Edit</button>
                    <button className="button icon danger" aria-label={`Delete the schedule of ${schedule.flow}`} title="Delete" onClick={() => setDeleting(schedule)}><Trash2 size={14} /></button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loading>
      {editing && <ScheduleForm schedule={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={() => { setEditing(undefined); loaded.reload(); }} />}
      {deleting && (
        <Dialog title={`Delete the schedule of '${deleting.flow}'?`} onClose={() => setDeleting(undefined)}
          footer={<>
            <button className="button" onClick={() => setDeleting(undefined)}>Keep it</button>
            <button className="button primary" onClick={() => { void actions.remove(deleting); setDeleting(undefined); }}>Delete</button>
          </>}>
          <p>It stops firing; the runs it made stay in the catalog.</p>
        </Dialog>
      )}
    </>
  );
}

export function triggerText(schedule: Schedule): string {
  const trigger = schedule.trigger;
  switch (trigger?.type) {
    case 'cron': return `${trigger.cron} (${trigger.zone ?? 'UTC'})`;
    case 'interval': return `every ${trigger.intervalSeconds} s`;
    case 'after_flow': return `after ${trigger.afterFlow} succeeds`;
    default: return '';
  }
}

export function FireTime(props: { local?: string; utc?: string }) {
  const local = props.local ? props.local.replace('T', ' ').replace(/:00(?=[+-Z])/, '') : '';
  return (
    <span title={props.utc ? 'UTC ' + props.utc : undefined}>
      {local}
      {props.utc && <div className="muted small">{relative(props.utc)}</div>}
    </span>
  );
}

function relative(utc: string): string {
  const seconds = Math.round((new Date(utc).getTime() - Date.now()) / 1000);
  const absolute = Math.abs(seconds);
  const text = absolute < 90 ? `${absolute} s` : absolute < 5400 ? `${Math.round(absolute / 60)} min` : absolute < 172800 ? `${Math.round(absolute / 3600)} h` : `${Math.round(absolute / 86400)} days`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

function ScheduleDetail(props: { id: string }) {
  const schedule = useLoad(() => call(api.GET('/api/schedules/{id}', { params: { path: { id: props.id } } })), [props.id]);
  const ticks = useLoad(() => call(api.GET('/api/schedules/{id}/ticks', { params: { path: { id: props.id } } })), [props.id]);
  const reload = () => { schedule.reload(); ticks.reload(); };
  const actions = useScheduleActions(reload);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => { schedule.reload(); ticks.reload(); }, 5_000);
    return () => clearInterval(timer);
  }, [schedule.reload, ticks.reload]);
  return (
    <Loading loaded={schedule} what="the schedule">
      {(current) => (
        <>
          <div className="page-head">
            <div>
              <div className="muted small"><Link to="/schedules">Schedules</Link> ›</div>
              <h1>{current.flow}: {current.description}</h1>
              <div className="muted mono small">{triggerText(current)}</div>
            </div>
            <div className="spacer" />
            {current.paused
              ? <button className="button" onClick={() => void actions.resume(current)}><Play size={14} /> Resume</button>
              : <button className="button" onClick={() => void actions.pause(current)}><Pause size={14} /> Pause</button>}
            <button className="button" onClick={() => void actions.runNow(current)}><Zap size={14} /> Run now</button>
            <button className="button" onClick={() => setEditing(true)}>Edit</button>
          </div>
          {current.paused && <p className="notice-inline">Paused{current.pausedReason ? `: ${current.pausedReason}` : ''}. It fires again after <b>Resume</b>.</p>}
          <section className="facts">
            <div><span className="muted">Runs</span><Link to={flowPath(current.flow!)}>{current.flow}</Link> {current.version ? `version ${current.version}` : '(the latest version at each fire)'}</div>
            <div><span className="muted">Next</span>{current.nextFireTime ? <FireTime local={current.nextFireTime.local} utc={current.nextFireTime.utc} /> : '—'}</div>
            <div><span className="muted">Parameters</span>{Object.entries(current.parameters ?? {}).map(([name, value]) => <code key={name}>{name}={value}</code>)}{Object.keys(current.parameters ?? {}).length === 0 && 'the flow\'s defaults'}</div>
            <div><span className="muted">Policies</span>{policyText(current)}</div>
            <div><span className="muted">Webhook</span>{current.webhook?.url ? `${current.webhook.url} on ${(current.webhook.on ?? []).join(', ')}` : 'none'}</div>
          </section>
          <h2>Ticks</h2>
          <Loading loaded={ticks} what="the ticks">
            {(list) => list.length === 0 ? <p className="muted">No ticks yet: it has not fired.</p> : (
              <table className="table" aria-label="Ticks">
                <thead><tr><th>Fire time</th><th>Why</th><th>What became of it</th><th>Run</th><th>Attempts</th><th>Message</th></tr></thead>
                <tbody>
                  {list.map((tick) => (
                    <tr key={tick.id}>
                      <td>{formatTime(tick.fireTime)}</td>
                      <td>{TICK_KINDS[tick.kind ?? ''] ?? tick.kind}</td>
                      <td><StateBadge state={tick.outcome} /></td>
                      <td>{tick.runId ? <Link to={runPath(tick.runId)}>{tick.runId.slice(0, 8)}</Link> : '—'}{tick.flowVersion ? <span className="muted small"> v{tick.flowVersion}</span> : null}</td>
                      <td>{tick.attempts}</td>
                      <td className="muted">{tick.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Loading>
          {editing && <ScheduleForm schedule={current} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); reload(); }} />}
        </>
      )}
    </Loading>
  );
}

const TICK_KINDS: Record<string, string> = {
  scheduled: 'on time',
  catch_up: 'catching up a missed tick',
  run_now: 'run now',
  after_flow: 'after the other flow',
};

function policyText(schedule: Schedule): string {
  const policies = schedule.policies ?? {};
  const parts = [
    `overlap: ${policies.overlap}`,
    `missed: ${policies.missed}${policies.missed === 'all' ? ` (at most ${policies.missedCap})` : ''}`,
    `retries: ${policies.retries}${policies.retries ? ` every ${policies.retryBackoffSeconds} s` : ''}`,
    `timeout: ${policies.timeoutSeconds ? policies.timeoutSeconds + ' s' : 'none'}`,
    `pause after failures: ${policies.pauseAfterFailures ?? 'off'}`,
  ];
  return parts.join(' · ');
}

