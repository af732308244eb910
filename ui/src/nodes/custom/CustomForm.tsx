/**
 * The settings form of a custom node type, drawn from its document: sections (hidden while their
 * condition does not hold) of components — text, number, slider, toggle, selects, column pickers fed
 * by an input's columns (only those of the kinds the component offers), columns with an action each,
 * and secret references. The Node Designer shows the same form live while an author builds it.
 */
import { useEffect, useState } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { ColumnPicker, type ColumnInfo } from '../../forms/ColumnPicker';
import { MultiColumnPicker } from '../../forms/MultiColumnPicker';
import { SecretPicker } from '../../forms/SecretPicker';
import type { FieldProblem } from '../../forms/paths';
import { Checkbox, FieldShell, IntegerInput, SelectInput, TextInput, optionsOf } from '../common/controls';
import { acceptsType, sectionVisible, valueOf, type FormComponentDoc, type NodeTypeDoc } from './document';
import './custom.css';

export interface CustomFormProps {
  doc: NodeTypeDoc;
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  columns: (port: string) => ColumnInfo[];
  problems: readonly FieldProblem[];
  idPrefix: string;
}

export function CustomForm(props: CustomFormProps) {
  const { doc, value } = props;
  const set = (name: string, next: unknown) => {
    const copy = { ...value };
    // only "no value" falls back to the default: an emptied text or list stays as the user left it
    if (next === undefined) {
      delete copy[name];
    } else {
      copy[name] = next;
    }
    props.onChange(copy);
  };
  if (doc.form.sections.length === 0) {
    return <p className="muted">This node type has no settings.</p>;
  }
  return (
    <div className="cnf-form">
      {doc.form.sections.map((section, index) => sectionVisible(doc, section, value) && (
        <fieldset key={index} className="cnf-section" aria-label={section.title || `Section ${index + 1}`}>
          {section.title && <legend>{section.title}</legend>}
          {section.components.map((component) => (
            <ComponentField key={component.name} component={component} value={valueOf(component, value)} written={value[component.name] !== undefined}
              onChange={(next) => set(component.name, next)} columns={props.columns} idPrefix={props.idPrefix}
              problems={props.problems.filter((problem) => problem.path === component.name || problem.path.startsWith(component.name + '[')
                || problem.path.startsWith(component.name + '.'))} />
          ))}
        </fieldset>
      ))}
    </div>
  );
}

interface FieldProps {
  component: FormComponentDoc;
  value: unknown;
  written: boolean;
  onChange: (next: unknown) => void;
  columns: (port: string) => ColumnInfo[];
  problems: readonly FieldProblem[];
  idPrefix: string;
}

function ComponentField(props: FieldProps) {
  const { component, value, onChange } = props;
  const id = `${props.idPrefix}-${component.name}`;
  const errorId = `${id}-problems`;
  const invalid = props.problems.length > 0;
  const label = component.label + (component.required ? ' *' : '');
  const shell = { label, htmlFor: id, errorId, problems: props.problems, help: component.description, path: component.name };
  const common = { id, dataField: component.name, invalid, describedBy: invalid ? errorId : undefined, ariaLabel: component.label };
  const offered = (port: string | undefined) => props.columns(port ?? 'main').filter((column) => acceptsType(component.column_types, column.type));

  switch (component.kind) {
    case 'text':
      return (
        <FieldShell {...shell}>
          <TextInput {...common} value={typeof value === 'string' ? value : ''}
            onCommit={(text) => onChange(text === '' && component.default === undefined ? undefined : text)} />
        </FieldShell>
      );
    case 'secret':
      return (
        <FieldShell {...shell}>
          <SecretPicker {...common} required={component.required} value={typeof value === 'string' ? value : undefined} onChange={onChange} />
        </FieldShell>
      );
    case 'number':
      return (
        <FieldShell {...shell}>
          {component.integer
            ? <IntegerInput {...common} value={value} minimum={component.min} onCommit={(next) => onChange(next)} />
            : <DecimalInput {...common} value={value} onCommit={onChange} />}
        </FieldShell>
      );
    case 'slider':
      return (
        <FieldShell {...shell}>
          <Slider {...common} component={component} value={typeof value === 'number' ? value : component.min ?? 0} onCommit={onChange} />
        </FieldShell>
      );
    case 'toggle':
      return (
        <FieldShell {...shell} inline>
          <Checkbox {...common} checked={value === true} isDefault={!props.written} onCommit={(checked) => onChange(checked)} />
        </FieldShell>
      );
    case 'select':
      return (
        <FieldShell {...shell}>
          <SelectInput {...common} value={typeof value === 'string' ? value : undefined} options={optionsOf(component.options ?? [])}
            emptyLabel={component.required ? undefined : '—'} onCommit={(next) => onChange(next)} />
        </FieldShell>
      );
    case 'multi_select': {
      const chosen = Array.isArray(value) ? value.map(String) : [];
      return (
        <FieldShell {...shell} htmlFor={undefined}>
          <div className="cnf-choices" role="group" aria-label={component.label} data-field={component.name}>
            {(component.options ?? []).map((option) => (
              <label key={option} className="cnf-choice">
                <input type="checkbox" checked={chosen.includes(option)}
                  onChange={(event) => onChange(event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option))} />
                {option}
              </label>
            ))}
          </div>
        </FieldShell>
      );
    }
    case 'column':
      return component.multiple ? (
        <FieldShell {...shell}>
          <MultiColumnPicker id={id} ariaLabel={component.label} dataField={component.name} invalid={invalid} port={component.input}
            value={Array.isArray(value) ? value.map(String) : []} columns={offered(component.input)} onChange={(next) => onChange(next)} />
        </FieldShell>
      ) : (
        <FieldShell {...shell}>
          <ColumnPicker {...common} required={component.required} port={component.input} value={typeof value === 'string' ? value : undefined}
            columns={offered(component.input)} onChange={(next) => onChange(next)} />
        </FieldShell>
      );
    case 'column_actions':
      return (
        <FieldShell {...shell} htmlFor={undefined}>
          <ColumnActions component={component} value={Array.isArray(value) ? value as { column?: string; action?: string }[] : []}
            columns={offered(component.input)} onChange={onChange} idPrefix={id} problems={props.problems} />
        </FieldShell>
      );
    default:
      return <p className="error-text">Unknown kind of component '{String((component as { kind: unknown }).kind)}'.</p>;
  }
}

function DecimalInput(props: { id: string; dataField: string; invalid: boolean; describedBy?: string; ariaLabel: string; value: unknown; onCommit: (next: unknown) => void }) {
  const text = typeof props.value === 'number' ? String(props.value) : '';
  const [local, setLocal] = useState<string>();
  return (
    <>
      <TextInput id={props.id} dataField={props.dataField} ariaLabel={props.ariaLabel} invalid={props.invalid || local !== undefined}
        describedBy={props.describedBy} value={text} onCommit={(raw) => {
          const trimmed = raw.trim();
          if (trimmed === '') {
            setLocal(undefined);
            props.onCommit(undefined);
          } else if (!Number.isFinite(Number(trimmed))) {
            setLocal('Enter a number');
          } else {
            setLocal(undefined);
            props.onCommit(Number(trimmed));
          }
        }} />
      {local && <div className="ff-problems ff-local-error">{local}</div>}
    </>
  );
}

/** A slider that commits when let go (not on every step while dragging). */
function Slider(props: { id: string; dataField: string; ariaLabel: string; component: FormComponentDoc; value: number; onCommit: (next: number) => void }) {
  const [local, setLocal] = useState(props.value);
  useEffect(() => setLocal(props.value), [props.value]);
  const commit = () => {
    if (local !== props.value) props.onCommit(local);
  };
  return (
    <div className="cnf-slider">
      <input id={props.id} type="range" data-field={props.dataField} aria-label={props.ariaLabel}
        min={props.component.min} max={props.component.max} step={props.component.step ?? (props.component.integer ? 1 : 'any')}
        value={local} onChange={(event) => setLocal(Number(event.target.value))} onPointerUp={commit} onKeyUp={commit} onBlur={commit} />
      <output htmlFor={props.id} className="mono">{local}</output>
    </div>
  );
}

function ColumnActions(props: {
  component: FormComponentDoc; value: { column?: string; action?: string }[]; columns: ColumnInfo[];
  onChange: (next: unknown) => void; idPrefix: string; problems: readonly FieldProblem[];
}) {
  const { component, value } = props;
  const actions = component.options ?? [];
  const put = (index: number, next: { column?: string; action?: string }) => props.onChange(value.map((item, i) => (i === index ? next : item)));
  return (
    <div className="cnf-actions" data-field={component.name}>
      {value.map((item, index) => (
        <div key={index} className="cnf-action-row">
          <ColumnPicker ariaLabel={`${component.label}: column ${index + 1}`} dataField={`${component.name}[${index}].column`}
            value={item.column} columns={props.columns} port={component.input}
            invalid={props.problems.some((problem) => problem.path.startsWith(`${component.name}[${index}]`))}
            onChange={(column) => put(index, { ...item, column })} />
          <select className="ff-input ffp-input" aria-label={`${component.label}: action ${index + 1}`} value={item.action ?? actions[0]}
            onChange={(event) => put(index, { ...item, action: event.target.value })}>
            {actions.map((action) => <option key={action} value={action}>{action}</option>)}
          </select>
          <button type="button" className="ff-icon-button" aria-label={`Remove row ${index + 1} of ${component.label}`}
            onClick={() => props.onChange(value.filter((_, i) => i !== index))}><Trash2 size={14} /></button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => props.onChange([...value, { column: undefined, action: actions[0] }])}>
        <Plus size={14} /> Add a column
      </button>
    </div>
  );
}
