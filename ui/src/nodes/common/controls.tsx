/**
 * Small controls shared by the bespoke panels. Text is committed on blur and Enter (Escape reverts),
 * never per keystroke; selects and checkboxes commit on change. Problems are shown under their field
 * with the classes of the generic form (forms/forms.css): `ff-field is-invalid`, `ff-problems`.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useDraft } from '../../forms/useDraft';

export { useDraft };
import { X } from 'lucide-react';
import type { FieldProblem } from '../../forms/paths';
import { relativeWhere } from './problems';

export function describedBy(...ids: (string | undefined | false | null)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

/** The problems of a field, red, under it. */
export function ProblemList({ id, problems, path }: { id?: string; problems: readonly FieldProblem[] | undefined; path?: string }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="ff-problems" id={id} role="alert">
      {problems.map((problem, index) => {
        const where = path !== undefined ? relativeWhere(problem.path, path) : null;
        return (
          <li key={index}>
            {where ? <span className="ff-problem-where">{where}: </span> : null}
            <span className="ff-problem-text">{problem.message}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A help text: short ones shown, long ones folded after their first sentence. */
export function Help({ id, text }: { id?: string; text: string | undefined }) {
  if (!text) return null;
  if (text.length <= 130) {
    return (
      <div className="ff-help ffp-help" id={id}>
        {text}
      </div>
    );
  }
  const cut = text.search(/[.:;]\s/);
  const head = cut > 0 && cut < 120 ? text.slice(0, cut + 1) : `${text.slice(0, 100)}…`;
  return (
    <details className="ff-help ffp-help ffp-help-long" id={id}>
      <summary>{head}</summary>
      {text}
    </details>
  );
}

export interface FieldShellProps {
  /** The visible label. */
  label: ReactNode;
  /** Id of the control the label names. */
  htmlFor?: string;
  /** Id of the error list (for aria-describedby on the control). */
  errorId?: string;
  helpId?: string;
  help?: string;
  problems?: readonly FieldProblem[];
  /** Settings path of the field, to label problems further inside it. */
  path?: string;
  /** Checkbox layout: the control before the label on one line. */
  inline?: boolean;
  className?: string;
  /** Label click focuses this element id instead (for editors that are not labelable). */
  focusOnLabel?: string;
  children: ReactNode;
}

export function FieldShell(props: FieldShellProps) {
  const invalid = (props.problems?.length ?? 0) > 0;
  const label = (
    <label
      className="ff-label"
      htmlFor={props.htmlFor}
      onClick={props.focusOnLabel ? () => document.getElementById(props.focusOnLabel!)?.focus() : undefined}
    >
      <span>{props.label}</span>
    </label>
  );
  return (
    <div className={`ff-field ffp-field${props.inline ? ' ff-field-check' : ''}${invalid ? ' is-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      {props.inline ? (
        <div className="ff-check-row">
          {props.children}
          {label}
        </div>
      ) : (
        <>
          {label}
          {props.children}
        </>
      )}
      <ProblemList id={props.errorId} problems={props.problems} path={props.path} />
      <Help id={props.helpId} text={props.help} />
    </div>
  );
}


export interface InputProps {
  id?: string;
  ariaLabel?: string;
  dataField?: string;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string;
  placeholder?: string;
  className?: string;
  disabled?: boolean;
  title?: string;
}

function common(props: InputProps) {
  return {
    id: props.id,
    'aria-label': props.ariaLabel,
    'data-field': props.dataField,
    'aria-invalid': props.invalid || undefined,
    'aria-required': props.required || undefined,
    'aria-describedby': props.describedBy,
    placeholder: props.placeholder,
    disabled: props.disabled,
    title: props.title,
  };
}

/** A one-line text input committing on blur / Enter. */
export function TextInput(props: InputProps & { value: string; onCommit: (text: string) => void; mono?: boolean; maxLength?: number; autoFocus?: boolean; list?: string }) {
  const { draft, setDraft, commit, revert } = useDraft(props.value, props.onCommit);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && draft !== props.value) {
      event.preventDefault();
      event.stopPropagation();
      revert();
    }
  };
  return (
    <input
      {...common(props)}
      type="text"
      className={`ff-input ffp-input${props.mono ? ' is-mono' : ''}${props.className ? ` ${props.className}` : ''}`}
      spellCheck={props.mono ? false : undefined}
      autoComplete="off"
      maxLength={props.maxLength}
      list={props.list}
      autoFocus={props.autoFocus}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
}

/** A whole-number input: empty commits undefined; text that is not a whole number is refused locally. */
export function IntegerInput(props: InputProps & { value: unknown; onCommit: (next: number | string | undefined) => void; minimum?: number }) {
  const text = props.value === undefined || props.value === null ? '' : String(props.value);
  const [localError, setLocalError] = useState<string | null>(null);
  const parse = (raw: string): { ok: true; value: number | string | undefined } | { ok: false; message: string } => {
    const trimmed = raw.trim();
    if (trimmed === '') return { ok: true, value: undefined };
    if (/\$\{[^}]*\}/.test(trimmed)) return { ok: true, value: trimmed };
    if (!/^[+-]?\d+$/.test(trimmed)) return { ok: false, message: 'Enter a whole number' };
    return { ok: true, value: Number(trimmed) };
  };
  const { draft, setDraft, commit: commitDraft, revert } = useDraft(text, (raw) => {
    const parsed = parse(raw);
    if (parsed.ok) props.onCommit(parsed.value);
  });
  const commit = () => {
    const parsed = parse(draft);
    if (!parsed.ok) {
      setLocalError(parsed.message);
      return;
    }
    setLocalError(null);
    commitDraft();
  };
  const localId = props.id ? `${props.id}-local` : undefined;
  return (
    <>
      <input
        {...common(props)}
        type="text"
        inputMode="numeric"
        className={`ff-input ff-number ffp-input ffp-number${localError ? ' is-local-invalid' : ''}`}
        autoComplete="off"
        value={draft}
        aria-invalid={props.invalid || localError !== null || undefined}
        aria-describedby={describedBy(props.describedBy, localError !== null && localId)}
        onChange={(event) => {
          setDraft(event.target.value);
          if (localError) setLocalError(null);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
            event.preventDefault();
            const parsed = parse(draft);
            const base = parsed.ok && typeof parsed.value === 'number' ? parsed.value : 0;
            const next = Math.max(props.minimum ?? -Infinity, base + (event.key === 'ArrowUp' ? 1 : -1));
            setDraft(String(next));
          } else if (event.key === 'Escape' && draft !== text) {
            event.preventDefault();
            event.stopPropagation();
            revert();
            setLocalError(null);
          }
        }}
      />
      {localError ? (
        <div className="ff-problems ff-local-error" id={localId}>
          {localError}
        </div>
      ) : null}
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A select committing on change. `emptyLabel` adds an empty choice (committed as undefined); a
 * current value that is not an option is shown as "(unknown)".
 */
export function SelectInput(props: InputProps & { value: string | undefined; options: readonly Option[]; onCommit: (next: string | undefined) => void; emptyLabel?: string }) {
  const current = props.value ?? '';
  const known = props.options.some((option) => option.value === current);
  return (
    <select
      {...common(props)}
      className={`ff-select ffp-select${props.className ? ` ${props.className}` : ''}`}
      value={current}
      onChange={(event) => props.onCommit(event.target.value === '' ? undefined : event.target.value)}
    >
      {props.emptyLabel !== undefined || current === '' ? <option value="">{props.emptyLabel ?? 'Choose…'}</option> : null}
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
      {!known && current !== '' ? <option value={current}>{`${current} (unknown)`}</option> : null}
    </select>
  );
}

const OTHER = '\u0000other';

/**
 * A choice among presets that also takes any typed value: a select whose "Other…" entry turns it
 * into a text input (committed on blur / Enter). A current value that is no preset shows as text.
 * `undefined` is the empty choice (`emptyLabel`).
 */
export function PresetInput(props: InputProps & { value: string | undefined; presets: readonly Option[]; emptyLabel: string; onCommit: (next: string | undefined) => void; mono?: boolean }) {
  const current = props.value ?? '';
  const isPreset = current === '' || props.presets.some((preset) => preset.value === current);
  const [typing, setTyping] = useState(false);
  const custom = typing || !isPreset;
  if (custom) {
    return (
      <span className="ffp-preset">
        <TextInput
          id={props.id}
          ariaLabel={props.ariaLabel}
          dataField={props.dataField}
          invalid={props.invalid}
          required={props.required}
          describedBy={props.describedBy}
          disabled={props.disabled}
          className={props.className}
          value={current}
          mono={props.mono}
          autoFocus={typing}
          placeholder={props.placeholder ?? 'Type a value'}
          onCommit={(text) => {
            setTyping(false);
            props.onCommit(text.trim() === '' ? undefined : text.trim());
          }}
        />
        <button
          type="button"
          className="ff-icon-button ffp-preset-back"
          aria-label={`${props.ariaLabel ?? 'Value'}: choose from the list`}
          title="Choose from the list"
          onClick={() => {
            setTyping(false);
            if (!isPreset) props.onCommit(undefined);
          }}
        >
          <X size={12} aria-hidden="true" />
        </button>
      </span>
    );
  }
  return (
    <select
      {...common(props)}
      className={`ff-select ffp-select${props.mono ? ' is-mono' : ''}${props.className ? ` ${props.className}` : ''}`}
      value={current}
      onChange={(event) => {
        const next = event.target.value;
        if (next === OTHER) setTyping(true);
        else props.onCommit(next === '' ? undefined : next);
      }}
    >
      <option value="">{props.emptyLabel}</option>
      {props.presets.map((preset) => (
        <option key={preset.value} value={preset.value}>
          {preset.label}
        </option>
      ))}
      <option value={OTHER}>Other…</option>
    </select>
  );
}

/** A checkbox committing on change. */
export function Checkbox(props: InputProps & { checked: boolean; onCommit: (checked: boolean) => void; isDefault?: boolean }) {
  return (
    <input
      {...common(props)}
      type="checkbox"
      className="ff-checkbox"
      checked={props.checked}
      data-default={props.isDefault ? '' : undefined}
      onChange={(event) => props.onCommit(event.target.checked)}
    />
  );
}

/** A segmented control (radio group) committing on change. */
export function Segmented(props: { label: string; value: string; options: readonly Option[]; onCommit: (next: string) => void; dataField?: string; name: string }) {
  return (
    <div className="ffp-segmented" role="radiogroup" aria-label={props.label} data-field={props.dataField}>
      {props.options.map((option) => (
        <label key={option.value} className={`ffp-segment${option.value === props.value ? ' is-active' : ''}`}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={option.value === props.value}
            onChange={() => props.onCommit(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}

/** Problems no field of the panel shows. */
export function GeneralProblems({ problems }: { problems: readonly FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="ff-form-problems ffp-general-problems" role="alert">
      {problems.map((problem, index) => (
        <li key={index}>
          {problem.path !== '' ? <code className="ff-problem-path">{problem.path}</code> : null}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** Options from enum values with labels (fallback: the value with `_` as spaces). */
export function optionsOf(values: readonly string[], labels: Record<string, string> = {}): Option[] {
  return values.map((value) => ({ value, label: labels[value] ?? value.replace(/_/g, ' ') }));
}
