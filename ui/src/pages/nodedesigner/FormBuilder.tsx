// The form of a node type, built: sections (title, shown-when condition) holding components (what
// setting, what kind, its label and constraints), each added, removed and moved up or down.
import { useState } from 'react';
import { ArrowDown, ArrowUp, ChevronDown, ChevronRight, Plus, Trash2 } from 'lucide-react';
import { KINDS, components, type ComponentKind, type FormComponentDoc, type FormSectionDoc, type NodeTypeDoc } from '../../nodes/custom/document';

function move<T>(list: T[], index: number, by: number): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
}

function freshName(doc: NodeTypeDoc, kind: ComponentKind): string {
  const taken = new Set(components(doc).map((component) => component.name));
  const base = kind === 'column' ? 'column' : kind === 'column_actions' ? 'columns' : kind;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(name)) return name;
  }
}

export function FormBuilder(props: { doc: NodeTypeDoc; onChange: (doc: NodeTypeDoc) => void }) {
  const { doc } = props;
  const sections = doc.form.sections;
  const setSections = (next: FormSectionDoc[]) => props.onChange({ ...doc, form: { sections: next } });
  const setSection = (index: number, next: FormSectionDoc) => setSections(sections.map((section, i) => (i === index ? next : section)));
  return (
    <section className="ndz-builder" aria-label="Form builder">
      {sections.map((section, index) => (
        <SectionEditor key={index} doc={doc} section={section} index={index} count={sections.length}
          onChange={(next) => setSection(index, next)}
          onMove={(by) => setSections(move(sections, index, by))}
          onRemove={() => setSections(sections.filter((_, i) => i !== index))} />
      ))}
      <button className="button" onClick={() => setSections([...sections, { title: `Section ${sections.length + 1}`, components: [] }])}>
        <Plus size={14} /> Add a section
      </button>
    </section>
  );
}

function SectionEditor(props: {
  doc: NodeTypeDoc; section: FormSectionDoc; index: number; count: number;
  onChange: (next: FormSectionDoc) => void; onMove: (by: number) => void; onRemove: () => void;
}) {
  const { section, doc } = props;
  const [kind, setKind] = useState<ComponentKind>('text');
  const [open, setOpen] = useState<number>();
  const earlier = doc.form.sections.slice(0, props.index).flatMap((candidate) => candidate.components);
  const label = section.title || `Section ${props.index + 1}`;
  const setComponents = (next: FormComponentDoc[]) => props.onChange({ ...section, components: next });
  const add = () => {
    const name = freshName(doc, kind);
    const component: FormComponentDoc = { name, kind, label: name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) };
    if (kind === 'select' || kind === 'multi_select') component.options = ['first', 'second'];
    if (kind === 'column_actions') component.options = ['keep', 'drop'];
    if (kind === 'slider') Object.assign(component, { min: 0, max: 100, step: 1, integer: true });
    if (kind === 'column' || kind === 'column_actions') component.input = doc.inputs[0];
    setComponents([...section.components, component]);
    setOpen(section.components.length);
  };
  return (
    <fieldset className="ndz-section" aria-label={`Section: ${label}`}>
      <div className="ndz-section-head">
        <input className="input" aria-label={`Title of ${label}`} value={section.title} placeholder="Section title"
          onChange={(event) => props.onChange({ ...section, title: event.target.value })} />
        <button className="ff-icon-button" aria-label={`Move ${label} up`} disabled={props.index === 0} onClick={() => props.onMove(-1)}><ArrowUp size={14} /></button>
        <button className="ff-icon-button" aria-label={`Move ${label} down`} disabled={props.index === props.count - 1} onClick={() => props.onMove(1)}><ArrowDown size={14} /></button>
        <button className="ff-icon-button" aria-label={`Remove ${label}`} onClick={props.onRemove}><Trash2 size={14} /></button>
      </div>
      <div className="ndz-when">
        <span className="muted small">Shown</span>
        <select className="input" aria-label={`When ${label} shows`} value={section.visible_when?.setting ?? ''}
          onChange={(event) => props.onChange({ ...section, visible_when: event.target.value === '' ? undefined
            : { setting: event.target.value, equals: section.visible_when?.equals ?? true } })}>
          <option value="">always</option>
          {earlier.map((component) => <option key={component.name} value={component.name}>when {component.label} is…</option>)}
        </select>
        {section.visible_when && (
          <input key={section.visible_when.setting} className="input mono" aria-label={`Value that shows ${label}`} defaultValue={JSON.stringify(section.visible_when.equals)}
            title="A JSON value: true, 3, &quot;loud&quot;"
            onBlur={(event) => props.onChange({ ...section, visible_when: { ...section.visible_when!, equals: parseJson(event.target.value) } })} />
        )}
      </div>
      <ol className="ndz-components">
        {section.components.map((component, index) => (
          <li key={index} className="ndz-component">
            <div className="ndz-component-head">
              <button className="ndz-expand" aria-expanded={open === index} aria-label={`Edit ${component.label}`}
                onClick={() => setOpen(open === index ? undefined : index)}>
                {open === index ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
                <span>{component.label}</span> <span className="muted small mono">{component.name} · {component.kind}</span>
              </button>
              <button className="ff-icon-button" aria-label={`Move ${component.label} up`} disabled={index === 0}
                onClick={() => { setComponents(move(section.components, index, -1)); setOpen(open === index ? index - 1 : open === index - 1 ? index : open); }}><ArrowUp size={14} /></button>
              <button className="ff-icon-button" aria-label={`Move ${component.label} down`} disabled={index === section.components.length - 1}
                onClick={() => { setComponents(move(section.components, index, 1)); setOpen(open === index ? index + 1 : open === index + 1 ? index : open); }}><ArrowDown size={14} /></button>
              <button className="ff-icon-button" aria-label={`Remove ${component.label}`}
                onClick={() => { setComponents(section.components.filter((_, i) => i !== index)); setOpen(undefined); }}><Trash2 size={14} /></button>
            </div>
            {open === index && (
              <ComponentEditor key={`${index}:${component.kind}`} doc={doc} component={component}
                onChange={(next) => setComponents(section.components.map((item, i) => (i === index ? next : item)))} />
            )}
          </li>
        ))}
      </ol>
      <div className="ndz-add">
        <select className="input" aria-label={`Kind of component to add to ${label}`} value={kind} onChange={(event) => setKind(event.target.value as ComponentKind)}>
          {KINDS.map((option) => <option key={option.kind} value={option.kind}>{option.label}</option>)}
        </select>
        <button className="button" onClick={add}><Plus size={14} /> Add to {label}</button>
      </div>
    </fieldset>
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text);
}

function ComponentEditor(props: { doc: NodeTypeDoc; component: FormComponentDoc; onChange: (next: FormComponentDoc) => void }) {
  const { component } = props;
  const set = (patch: Partial<FormComponentDoc>, replace = false) => {
    const next: Record<string, unknown> = replace ? { ...patch } : { ...component, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
    props.onChange(next as unknown as FormComponentDoc);
  };
  const changeKind = (next: ComponentKind) => {
    // what the new kind does not take goes; what it needs comes
    const { name, label, description, required } = component;
    const changed: FormComponentDoc = { name, kind: next, label, description, required };
    if (next === 'select' || next === 'multi_select') changed.options = component.options?.length ? component.options : ['first', 'second'];
    if (next === 'column_actions') changed.options = component.options?.length ? component.options : ['keep', 'drop'];
    if (next === 'slider') Object.assign(changed, { min: component.min ?? 0, max: component.max ?? 100, step: component.step, integer: component.integer });
    if (next === 'number') Object.assign(changed, { min: component.min, max: component.max, step: component.step, integer: component.integer });
    if (next === 'column' || next === 'column_actions') changed.input = component.input ?? props.doc.inputs[0];
    set(changed, true);
  };
  const kind = component.kind;
  const numeric = kind === 'number' || kind === 'slider';
  const columns = kind === 'column' || kind === 'column_actions';
  const who = component.label || component.name;
  return (
    <div className="ndz-props" role="group" aria-label={`Properties of ${who}`}>
      <label className="field"><span>Setting name</span>
        <input className="input mono" aria-label={`Setting name of ${who}`} defaultValue={component.name}
          onBlur={(event) => { if (event.target.value !== component.name) set({ name: event.target.value }); }}
          onKeyDown={(event) => { if (event.key === 'Enter') (event.target as HTMLInputElement).blur(); }} />
      </label>
      <label className="field"><span>Label</span>
        <input className="input" aria-label={`Label of ${who}`} value={component.label} onChange={(event) => set({ label: event.target.value })} />
      </label>
      <label className="field"><span>Kind</span>
        <select className="input" aria-label={`Kind of ${who}`} value={kind} onChange={(event) => changeKind(event.target.value as ComponentKind)}>
          {KINDS.map((option) => <option key={option.kind} value={option.kind}>{option.label}</option>)}
        </select>
      </label>
      <label className="field ndz-check"><input type="checkbox" aria-label={`${who} is required`} checked={component.required === true}
        onChange={(event) => set({ required: event.target.checked || undefined })} /> <span>Required</span></label>
      <label className="field ndz-wide"><span>Help text</span>
        <input className="input" aria-label={`Help text of ${who}`} value={component.description ?? ''} onChange={(event) => set({ description: event.target.value })} />
      </label>
      {numeric && (
        <>
          <label className="field"><span>Least</span>
            <input className="input" aria-label={`Least value of ${who}`} defaultValue={component.min ?? ''} onBlur={(event) => set({ min: numberOrUndefined(event.target.value) })} />
          </label>
          <label className="field"><span>Greatest</span>
            <input className="input" aria-label={`Greatest value of ${who}`} defaultValue={component.max ?? ''} onBlur={(event) => set({ max: numberOrUndefined(event.target.value) })} />
          </label>
          <label className="field"><span>Step</span>
            <input className="input" aria-label={`Step of ${who}`} defaultValue={component.step ?? ''} onBlur={(event) => set({ step: numberOrUndefined(event.target.value) })} />
          </label>
          <label className="field ndz-check"><input type="checkbox" aria-label={`${who} takes whole numbers`} checked={component.integer === true}
            onChange={(event) => set({ integer: event.target.checked || undefined })} /> <span>Whole numbers</span></label>
        </>
      )}
      {(kind === 'select' || kind === 'multi_select' || kind === 'column_actions') && (
        <label className="field ndz-wide"><span>{kind === 'column_actions' ? 'Actions' : 'Options'} (comma-separated)</span>
          <input className="input" aria-label={`Options of ${who}`} defaultValue={(component.options ?? []).join(', ')}
            onBlur={(event) => set({ options: event.target.value.split(',').map((part) => part.trim()).filter((part) => part !== '') })} />
        </label>
      )}
      {columns && (
        <>
          <label className="field"><span>Columns of input</span>
            <select className="input" aria-label={`Input of ${who}`} value={component.input ?? ''} onChange={(event) => set({ input: event.target.value })}>
              {props.doc.inputs.map((port) => <option key={port} value={port}>{port}</option>)}
            </select>
          </label>
          <label className="field"><span>Offer</span>
            <select className="input" aria-label={`Column types of ${who}`} value={component.column_types ?? 'any'}
              onChange={(event) => set({ column_types: event.target.value === 'any' ? undefined : event.target.value as FormComponentDoc['column_types'] })}>
              <option value="any">any column</option>
              <option value="numeric">numeric columns</option>
              <option value="text">text columns</option>
              <option value="temporal">date and time columns</option>
            </select>
          </label>
          {kind === 'column' && (
            <label className="field ndz-check"><input type="checkbox" aria-label={`${who} takes several columns`} checked={component.multiple === true}
              onChange={(event) => set({ multiple: event.target.checked || undefined })} /> <span>Several columns</span></label>
          )}
        </>
      )}
      {kind !== 'column_actions' && kind !== 'column' && (
        <label className="field"><span>Default</span>
          <input className="input mono" aria-label={`Default of ${who}`} defaultValue={component.default === undefined ? '' : JSON.stringify(component.default)}
            title="A JSON value: 3, true, &quot;text&quot;"
            onBlur={(event) => set({ default: event.target.value.trim() === '' ? undefined : parseJson(event.target.value) })} />
        </label>
      )}
    </div>
  );
}
