/**
 * The form that defines a kernel: id, name, packages, memory, CPU, GPU, recovery mode, idle timeout
 * and maximum lifetime, with the server's validation messages on the fields.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { api, ApiFailure, call } from '../../api/client';
import { messageOf } from '../designer/store';
import { fieldErrors, type KernelDto, type KernelField, type KernelRequest } from './kernelModel';

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

export function CreateKernelForm(props: { onCreated: (kernel: KernelDto) => void; onCancel: () => void }) {
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
