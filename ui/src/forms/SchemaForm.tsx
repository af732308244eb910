/**
 * The settings form of a node, rendered from its settings JSON Schema.
 *
 * Commit timing (the server receives each change as one edit):
 * - text, number and JSON inputs, column pickers and SQL editors keep a local draft while typing
 *   and commit it on blur or Enter (Ctrl/Cmd+Enter in multi-line inputs and the SQL editor);
 *   Escape reverts the draft. A draft still uncommitted when the field unmounts is committed then.
 * - selects, checkboxes, variant choice and row add/remove/move commit immediately.
 * Each commit calls `onChange` once with a new settings object (unchanged branches shared).
 *
 * Accessibility and test hooks: every input has an accessible name equal to the humanized
 * property name (`group_by` → "Group by"), inside rows with the row number: "Column (row 1)".
 * Every input carries `data-field` with its full path (`keys[0].left`); arrays of rows and nested
 * objects carry it on their container. Row buttons are named "Add row", "Remove row 1",
 * "Move row 1 up", "Move row 1 down" (scope them by the array's container).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { ColumnPicker } from './ColumnPicker';
import { MultiColumnPicker } from './MultiColumnPicker';
import { SqlEditor } from './LazySqlEditor';
import { useDraft } from './useDraft';
import {
  fieldLabel,
  formatPath,
  humanize,
  moveItem,
  parsePath,
  pathToId,
  removeItem,
  setIn,
  type FieldProblem,
  type PathSegment,
} from './paths';
import {
  classify,
  defaultOf,
  groupProblems,
  matchVariant,
  newValueFor,
  variantConstants,
  variantLabel,
  type Classified,
  type FieldKind,
  type JsonSchema,
} from './schema';
import type { ColumnInfo } from './sql';
import './forms.css';

export type { ColumnInfo } from './sql';
export type { FieldProblem } from './paths';
export type { JsonSchema } from './schema';

export interface FormContext {
  /** The columns of an input port (`main`, `left`, `right`, ...); empty when unknown. */
  columns: (port: string) => ColumnInfo[];
  /** Problems of the current settings, paths relative to the settings. */
  problems: FieldProblem[];
  /** Prefix of element ids, to keep two forms on one page apart. */
  idPrefix?: string;
}

export interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  context: FormContext;
}

interface Ctx {
  root: JsonSchema;
  change: (path: readonly PathSegment[], next: unknown) => void;
  problems: Map<string, FieldProblem[]>;
  columns: (port: string) => ColumnInfo[];
  idFor: (path: string) => string;
}

const FormCtx = createContext<Ctx | null>(null);

function useForm(): Ctx {
  const ctx = useContext(FormCtx);
  if (!ctx) throw new Error('form field outside SchemaForm');
  return ctx;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function SchemaForm(props: SchemaFormProps) {
  const { schema, value, context } = props;
  const generated = useId();
  const prefix = context.idPrefix ?? `ff-${generated.replace(/[^A-Za-z0-9_-]/g, '')}`;

  // The latest settings: the prop, or what this form last sent when the parent has not re-rendered
  // yet, so two quick commits (a blur followed by a click) do not lose the first.
  const latest = useRef<Record<string, unknown>>(isRecord(value) ? value : {});
  const seen = useRef<unknown>(value);
  if (seen.current !== value) {
    seen.current = value;
    latest.current = isRecord(value) ? value : {};
  }
  const onChangeRef = useRef(props.onChange);
  onChangeRef.current = props.onChange;

  const schemaRef = useRef(schema);
  schemaRef.current = schema;
  // Bound to one schema: a field of a previous schema committing as it unmounts (the form was reused
  // for another node without a key) must not write into the new settings.
  const change = useCallback((path: readonly PathSegment[], next: unknown) => {
    if (schemaRef.current !== schema) return;
    const base = latest.current;
    const updated = setIn(base, path, next);
    if (updated === base) return;
    latest.current = isRecord(updated) ? updated : {};
    onChangeRef.current(latest.current);
  }, [schema]);

  const problems = useMemo(() => {
    const list = (context.problems ?? []).map((problem) => ({ ...problem, path: formatPath(problem.path ?? '') }));
    return groupProblems(list, schema, value);
  }, [context.problems, schema, value]);

  const columns = context.columns;
  const ctx = useMemo<Ctx>(
    () => ({
      root: schema,
      change,
      problems,
      columns: (port: string) => {
        try {
          return columns(port) ?? [];
        } catch {
          return [];
        }
      },
      idFor: (path: string) => `${prefix}-${pathToId(path)}`,
    }),
    [schema, change, problems, columns, prefix],
  );

  const top = classify(schema, schema);
  const formProblems = problems.get('') ?? [];

  return (
    <FormCtx.Provider value={ctx}>
      <div className="ff-form" data-form-root="">
        {formProblems.length > 0 ? (
          <ul className="ff-form-problems" role="alert">
            {formProblems.map((problem, index) => (
              <li key={index}>
                {problem.path !== '' ? <code className="ff-problem-path">{problem.path}</code> : null}
                {problem.message}
              </li>
            ))}
          </ul>
        ) : null}
        {top.field.kind === 'object' ? (
          top.field.properties.length === 0 ? (
            <p className="ff-muted ff-empty">This node has no settings.</p>
          ) : (
            <ObjectFields field={top.field} path={[]} rows={[]} value={value} />
          )
        ) : (
          <Field schema={schema} path={[]} name="settings" rows={[]} required={false} value={value} />
        )}
      </div>
    </FormCtx.Provider>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Dispatch                                                                                    */
/* ------------------------------------------------------------------------------------------ */

interface FieldProps {
  schema: JsonSchema | boolean;
  path: readonly PathSegment[];
  /** Property name, humanized for the label. */
  name: string;
  /** Indices of the rows the field is in (outermost first). */
  rows: readonly number[];
  required: boolean;
  value: unknown;
  /** In a table row: no visible label or help (the table header has them). */
  cell?: boolean;
  /** Id of a description given elsewhere (the table header / field help). */
  helpId?: string;
}

function Field(props: FieldProps) {
  const { root } = useForm();
  const classified = classify(props.schema, root);
  switch (classified.field.kind) {
    case 'object':
      return <ObjectFieldset {...props} classified={classified} field={classified.field} />;
    case 'rows':
      return <ArrayRows {...props} classified={classified} items={classified.field.items} />;
    case 'variants':
      return <VariantField {...props} classified={classified} variants={classified.field.variants} />;
    default:
      return <LeafField {...props} classified={classified} />;
  }
}

function ObjectFields(props: { field: Extract<FieldKind, { kind: 'object' }>; path: readonly PathSegment[]; rows: readonly number[]; value: unknown; skip?: ReadonlySet<string> }) {
  const record = isRecord(props.value) ? props.value : {};
  return (
    <>
      {props.field.properties
        .filter(([name]) => !props.skip?.has(name))
        .map(([name, schema]) => (
          <Field
            key={name}
            schema={schema}
            path={[...props.path, name]}
            name={name}
            rows={props.rows}
            required={props.field.required.has(name)}
            value={record[name]}
          />
        ))}
    </>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Shared pieces                                                                               */
/* ------------------------------------------------------------------------------------------ */

function relativeLabel(problemPath: string, fieldPath: readonly PathSegment[]): string | null {
  const segments = parsePath(problemPath);
  const rest = segments.slice(fieldPath.length);
  if (rest.length === 0) return null;
  let text = '';
  for (const segment of rest) {
    if (typeof segment === 'number') text += text === '' ? `Item ${segment + 1}` : /\d$/.test(text) ? `.${segment + 1}` : ` ${segment + 1}`;
    else text += text === '' ? humanize(segment) : ` › ${humanize(segment)}`;
  }
  return text;
}

function Problems({ id, problems, path }: { id: string; problems: readonly FieldProblem[]; path: readonly PathSegment[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="ff-problems" id={id}>
      {problems.map((problem, index) => {
        const where = relativeLabel(problem.path, path);
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

function Help({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <div className="ff-help" id={id}>
      {text}
    </div>
  );
}

function RequiredMark({ required }: { required: boolean }) {
  if (!required) return null;
  return (
    <span className="ff-required" aria-hidden="true" title="Required">
      *
    </span>
  );
}

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

/** Problems of a field: those it owns (see groupProblems). */
function useFieldProblems(path: readonly PathSegment[]): FieldProblem[] {
  const { problems } = useForm();
  return problems.get(formatPath(path)) ?? [];
}

/* ------------------------------------------------------------------------------------------ */
/* Leaf fields                                                                                 */
/* ------------------------------------------------------------------------------------------ */

interface LeafProps extends FieldProps {
  classified: Classified;
}

function LeafField(props: LeafProps) {
  const { idFor, change, columns } = useForm();
  const { classified, path, rows, required, value, cell } = props;
  const { schema, field } = classified;
  const pathText = formatPath(path);
  const id = idFor(pathText);
  const problems = useFieldProblems(path);
  const invalid = problems.length > 0;
  const label = humanize(props.name);
  const accessible = fieldLabel(label, rows);
  const inRow = rows.length > 0;
  const helpText = cell ? undefined : schema.description;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const described = describedBy(invalid && errorId, helpText && helpId, props.helpId);
  const isProperty = typeof path[path.length - 1] === 'string';
  const commit = (next: unknown) => change(path, next);

  const common = {
    id,
    'data-field': pathText,
    'aria-invalid': invalid || undefined,
    'aria-required': required || undefined,
    'aria-describedby': described,
    'aria-label': inRow || cell ? accessible : undefined,
  };

  let control: ReactNode;
  let inline = false;
  switch (field.kind) {
    case 'boolean': {
      inline = true;
      const fallback = defaultOf(schema, field);
      const checked = typeof value === 'boolean' ? value : fallback === true;
      control = (
        <input
          {...common}
          type="checkbox"
          className="ff-checkbox"
          checked={checked}
          data-default={typeof value !== 'boolean' ? '' : undefined}
          onChange={(event) => commit(event.target.checked)}
        />
      );
      break;
    }
    case 'enum': {
      const fallback = defaultOf(schema, field);
      const current = value === undefined || value === null ? '' : JSON.stringify(value);
      const known = field.options.some((option) => JSON.stringify(option) === current);
      const allowEmpty = (!required && isProperty) || current === '';
      control = (
        <select
          {...common}
          className="ff-select"
          value={current}
          onChange={(event) => {
            const text = event.target.value;
            if (text === '') commit(isProperty ? undefined : null);
            else commit(JSON.parse(text));
          }}
        >
          {allowEmpty ? (
            <option value="">{fallback !== undefined ? `Default (${String(fallback)})` : required ? 'Choose…' : '—'}</option>
          ) : null}
          {field.options.map((option) => (
            <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
              {String(option)}
            </option>
          ))}
          {!known && current !== '' ? <option value={current}>{`${typeof value === 'string' ? value : current} (unknown)`}</option> : null}
        </select>
      );
      break;
    }
    case 'number':
      control = (
        <NumberInput
          {...common}
          value={value}
          integer={field.integer}
          minimum={schema.minimum}
          maximum={schema.maximum}
          placeholder={schema.default !== undefined ? String(schema.default) : undefined}
          onCommit={(next) => commit(next === undefined && !isProperty ? null : next)}
        />
      );
      break;
    case 'string': {
      const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      if (field.sql) {
        control = (
          <SqlEditor
            value={text}
            onChange={(next) => commit(next)}
            columns={columns(field.column ?? 'main')}
            ariaLabel={accessible}
            dataField={pathText}
            id={id}
            invalid={invalid}
            required={required}
            describedBy={described}
            placeholder={typeof schema.default === 'string' ? schema.default : undefined}
          />
        );
      } else if (field.column) {
        control = (
          <ColumnPicker
            value={text}
            onChange={(next) => commit(next ?? (isProperty && value === undefined ? undefined : ''))}
            columns={columns(field.column)}
            port={field.column}
            id={id}
            ariaLabel={common['aria-label']}
            dataField={pathText}
            invalid={invalid}
            required={required}
            describedBy={described}
          />
        );
      } else {
        control = (
          <TextInput
            {...common}
            value={text}
            multiline={text.includes('\n')}
            mono={field.path !== undefined}
            placeholder={typeof schema.default === 'string' && schema.default !== '' ? schema.default : field.path ? 'path/to/file' : undefined}
            onCommit={(next) => commit(next === '' && value === undefined ? undefined : next)}
          />
        );
      }
      break;
    }
    case 'columns': {
      const list = Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : String(item ?? ''))) : [];
      const invalidItems = new Set<number>();
      for (const problem of problems) {
        const segments = parsePath(problem.path).slice(path.length);
        if (typeof segments[0] === 'number') invalidItems.add(segments[0]);
      }
      control = (
        <MultiColumnPicker
          value={list}
          onChange={(next) => commit(next)}
          columns={columns(field.port)}
          port={field.port}
          id={id}
          ariaLabel={common['aria-label']}
          dataField={pathText}
          invalid={invalid}
          invalidItems={invalidItems}
          describedBy={described}
        />
      );
      break;
    }
    case 'const':
      control = (
        <output className="ff-const" id={id} data-field={pathText} aria-label={accessible}>
          {typeof field.value === 'string' ? field.value : JSON.stringify(field.value)}
        </output>
      );
      break;
    default:
      control = <JsonInput {...common} value={value} onCommit={(next) => commit(next === undefined && !isProperty ? null : next)} />;
      break;
  }

  if (cell) {
    return (
      <div className={`ff-cell${inline ? ' is-inline' : ''}`} data-kind={field.kind}>
        {control}
        <Problems id={errorId} problems={problems} path={path} />
      </div>
    );
  }

  // A visible label. Inputs inside rows get their own aria-label (with the row number), which
  // takes precedence for their accessible name.
  const focusEditor = field.kind === 'string' && field.sql;
  const labelNode = (
    <label
      className="ff-label"
      htmlFor={id}
      title={inRow && schema.description ? schema.description : undefined}
      onClick={
        focusEditor
          ? () => {
              document.getElementById(id)?.focus();
            }
          : undefined
      }
    >
      <span>{label}</span>
      <RequiredMark required={required} />
    </label>
  );

  return (
    <div className={`ff-field${inline ? ' ff-field-check' : ''}${invalid ? ' is-invalid' : ''}`} data-kind={field.kind}>
      {inline ? (
        <div className="ff-check-row">
          {control}
          {labelNode}
        </div>
      ) : (
        <>
          {labelNode}
          {control}
        </>
      )}
      <Problems id={errorId} problems={problems} path={path} />
      {inRow && helpText ? (
        <span id={helpId} hidden>
          {helpText}
        </span>
      ) : (
        <Help id={helpId} text={helpText} />
      )}
    </div>
  );
}

interface InputCommon {
  id: string;
  'data-field': string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
  placeholder?: string;
}


function TextInput(props: InputCommon & { value: string; onCommit: (text: string) => void; multiline?: boolean; mono?: boolean }) {
  const { value, onCommit, multiline, mono, ...rest } = props;
  const { draft, setDraft, commit, revert } = useDraft(value, onCommit);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && draft !== value) {
      event.preventDefault();
      event.stopPropagation();
      revert();
    }
  };
  const className = `ff-input${mono ? ' is-mono' : ''}`;
  if (multiline) {
    return (
      <textarea
        {...rest}
        className={`${className} ff-textarea`}
        rows={Math.min(10, Math.max(2, draft.split('\n').length))}
        spellCheck={false}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    );
  }
  return (
    <input
      {...rest}
      type="text"
      className={className}
      spellCheck={mono ? false : undefined}
      autoComplete="off"
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
}

function NumberInput(
  props: InputCommon & { value: unknown; integer: boolean; minimum?: number; maximum?: number; onCommit: (next: number | string | undefined) => void },
) {
  const { value, integer, minimum, maximum, onCommit, ...rest } = props;
  const text = value === undefined || value === null ? '' : String(value);
  const [localError, setLocalError] = useState<string | null>(null);
  const parse = (raw: string): { ok: true; value: number | string | undefined } | { ok: false; message: string } => {
    const trimmed = raw.trim();
    if (trimmed === '') return { ok: true, value: undefined };
    if (/\$\{[^}]*\}/.test(trimmed)) return { ok: true, value: trimmed };
    const number = Number(trimmed);
    if (!Number.isFinite(number) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return { ok: false, message: 'Enter a number' };
    if (integer && !Number.isInteger(number)) return { ok: false, message: 'Enter a whole number' };
    return { ok: true, value: number };
  };
  const { draft, setDraft, commit: commitDraft, revert } = useDraft(text, (raw) => {
    const parsed = parse(raw);
    if (!parsed.ok) return;
    onCommit(parsed.value);
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
  const step = (direction: 1 | -1) => {
    const parsed = parse(draft);
    const base = parsed.ok && typeof parsed.value === 'number' ? parsed.value : 0;
    let next = base + direction;
    if (minimum !== undefined) next = Math.max(minimum, next);
    if (maximum !== undefined) next = Math.min(maximum, next);
    setDraft(String(next));
    setLocalError(null);
  };
  const errorId = `${rest.id}-local`;
  return (
    <>
      <input
        {...rest}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        className={`ff-input ff-number${localError ? ' is-local-invalid' : ''}`}
        autoComplete="off"
        value={draft}
        aria-invalid={rest['aria-invalid'] || localError !== null || undefined}
        aria-describedby={describedBy(rest['aria-describedby'], localError !== null && errorId)}
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
            step(event.key === 'ArrowUp' ? 1 : -1);
          } else if (event.key === 'Escape' && draft !== text) {
            event.preventDefault();
            event.stopPropagation();
            revert();
            setLocalError(null);
          }
        }}
      />
      {localError ? (
        <div className="ff-problems ff-local-error" id={errorId}>
          {localError}
        </div>
      ) : null}
    </>
  );
}

function JsonInput(props: InputCommon & { value: unknown; onCommit: (next: unknown) => void }) {
  const { value, onCommit, ...rest } = props;
  const text = value === undefined ? '' : safeStringify(value);
  const [localError, setLocalError] = useState<string | null>(null);
  const { draft, setDraft, commit: commitDraft, revert } = useDraft(text, (raw) => {
    const parsed = parseJson(raw);
    if (parsed.ok) onCommit(parsed.value);
  });
  const commit = () => {
    const parsed = parseJson(draft);
    if (!parsed.ok) {
      setLocalError(parsed.message);
      return;
    }
    setLocalError(null);
    commitDraft();
  };
  const errorId = `${rest.id}-local`;
  return (
    <>
      <textarea
        {...rest}
        className={`ff-input ff-textarea is-mono${localError ? ' is-local-invalid' : ''}`}
        rows={Math.min(12, Math.max(2, draft.split('\n').length))}
        spellCheck={false}
        placeholder={rest.placeholder ?? 'JSON'}
        value={draft}
        aria-invalid={rest['aria-invalid'] || localError !== null || undefined}
        aria-describedby={describedBy(rest['aria-describedby'], localError !== null && errorId)}
        onChange={(event) => {
          setDraft(event.target.value);
          if (localError) setLocalError(null);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape' && draft !== text) {
            event.preventDefault();
            event.stopPropagation();
            revert();
            setLocalError(null);
          }
        }}
      />
      {localError ? (
        <div className="ff-problems ff-local-error" id={errorId}>
          {localError}
        </div>
      ) : null}
    </>
  );
}

function safeStringify(value: unknown): string {
  try {
    const text = JSON.stringify(value, null, 2);
    return text === undefined ? '' : text;
  } catch {
    return String(value);
  }
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Nested objects and variants                                                                 */
/* ------------------------------------------------------------------------------------------ */

function ObjectFieldset(props: FieldProps & { classified: Classified; field: Extract<FieldKind, { kind: 'object' }> }) {
  const { idFor } = useForm();
  const pathText = formatPath(props.path);
  const id = idFor(pathText);
  const problems = useFieldProblems(props.path);
  const description = props.classified.schema.description;
  return (
    <fieldset className={`ff-fieldset${problems.length > 0 ? ' is-invalid' : ''}`} data-field={pathText} aria-invalid={problems.length > 0 || undefined}>
      <legend className="ff-legend">
        {humanize(props.name)}
        <RequiredMark required={props.required} />
      </legend>
      <Help id={`${id}-help`} text={description} />
      <Problems id={`${id}-error`} problems={problems} path={props.path} />
      {props.field.properties.length === 0 ? <p className="ff-muted ff-empty">No settings.</p> : null}
      <ObjectFields field={props.field} path={props.path} rows={props.rows} value={props.value} />
    </fieldset>
  );
}

function VariantField(props: FieldProps & { classified: Classified; variants: JsonSchema[] }) {
  const { idFor, root, change } = useForm();
  const pathText = formatPath(props.path);
  const id = idFor(pathText);
  const problems = useFieldProblems(props.path);
  const index = matchVariant(props.variants, props.value, root);
  const variant = props.variants[index];
  const variantField = classify(variant, root).field;
  const constants = variantConstants(variant, root);
  const label = humanize(props.name);
  return (
    <fieldset className={`ff-fieldset${problems.length > 0 ? ' is-invalid' : ''}`} data-field={pathText} aria-invalid={problems.length > 0 || undefined}>
      <legend className="ff-legend">
        {label}
        <RequiredMark required={props.required} />
      </legend>
      <Help id={`${id}-help`} text={props.classified.schema.description} />
      <div className="ff-field">
        <label className="ff-label" htmlFor={`${id}-variant`}>
          Kind
        </label>
        <select
          id={`${id}-variant`}
          className="ff-select"
          aria-label={`${fieldLabel(label, props.rows)} kind`}
          value={index}
          onChange={(event) => {
            const chosen = props.variants[Number(event.target.value)];
            const fresh = newValueFor(chosen, root);
            // Keep values of properties both variants have.
            const kept: Record<string, unknown> = isRecord(fresh) ? { ...fresh } : {};
            if (isRecord(props.value)) {
              for (const key of Object.keys(chosen.properties ?? {})) {
                if (key in props.value && !(key in variantConstants(chosen, root))) kept[key] = props.value[key];
              }
            }
            change(props.path, kept);
          }}
        >
          {props.variants.map((v, i) => (
            <option key={i} value={i}>
              {variantLabel(v, i, root)}
            </option>
          ))}
        </select>
      </div>
      <Problems id={`${id}-error`} problems={problems} path={props.path} />
      {variantField.kind === 'object' ? (
        <ObjectFields field={variantField} path={props.path} rows={props.rows} value={props.value} skip={new Set(Object.keys(constants))} />
      ) : null}
    </fieldset>
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Arrays as rows                                                                              */
/* ------------------------------------------------------------------------------------------ */

type PendingFocus = { index: number; target: 'first' | 'up' | 'down' | 'remove' } | { index: -1; target: 'add' };

/** How a property is laid out in a table row; null when it needs a card. */
function columnWidth(kind: FieldKind): string | null {
  switch (kind.kind) {
    case 'boolean':
    case 'const':
      return 'max-content';
    case 'number':
      return 'minmax(0, 0.7fr)';
    case 'enum':
      return 'minmax(0, 1fr)';
    case 'string':
      return kind.sql ? 'minmax(0, 2fr)' : 'minmax(0, 1fr)';
    default:
      return null;
  }
}

function ArrayRows(props: FieldProps & { classified: Classified; items: JsonSchema }) {
  const { idFor, root, change } = useForm();
  const { path, rows, value } = props;
  const pathText = formatPath(path);
  const id = idFor(pathText);
  const labelId = `${id}-label`;
  const problems = useFieldProblems(path);
  const items = Array.isArray(value) ? value : [];
  const label = humanize(props.name);
  const description = props.classified.schema.description;
  const maxItems = props.classified.schema.maxItems;
  const containerRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<PendingFocus | null>(null);

  const item = classify(props.items, root);
  const itemObject = item.field.kind === 'object' ? item.field : null;
  const widths = itemObject ? itemObject.properties.map(([, s]) => columnWidth(classify(s, root).field)) : [columnWidth(item.field)];
  // Up to three simple properties fit a table row in a side panel; more get a card per row.
  const table = widths.length > 0 && widths.length <= 3 && widths.every((w) => w !== null) && item.field.kind !== 'variants';
  const template = `${(widths as string[]).join(' ')} max-content`;

  useEffect(() => {
    if (!pending) return;
    const container = containerRef.current;
    if (!container) return;
    let target: HTMLElement | null = null;
    if (pending.target === 'add') {
      target = container.querySelector<HTMLElement>(':scope > .ff-array-footer [data-action="add"]');
    } else {
      const row = container.querySelector<HTMLElement>(`:scope > .ff-rows > [data-row-index="${pending.index}"]`);
      if (row) {
        if (pending.target === 'first') {
          target = row.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, [contenteditable="true"]');
        } else {
          target =
            row.querySelector<HTMLElement>(`:scope > .ff-row-actions [data-action="${pending.target}"]:not(:disabled), :scope > .ff-card-head [data-action="${pending.target}"]:not(:disabled)`) ??
            row.querySelector<HTMLElement>('[data-action="remove"]');
        }
      }
    }
    if (target) {
      target.focus();
      setPending(null);
    } else if (pending.target !== 'add' && pending.index >= items.length) {
      // The value has not arrived yet (the parent applies changes asynchronously): wait for it.
    } else {
      setPending(null);
    }
  }, [pending, items.length, value]);

  const add = () => {
    change(path, [...items, newValueFor(props.items, root)]);
    setPending({ index: items.length, target: 'first' });
  };
  const remove = (index: number) => {
    change(path, removeItem(items, index));
    if (items.length <= 1) setPending({ index: -1, target: 'add' });
    else setPending({ index: Math.min(index, items.length - 2), target: 'remove' });
  };
  const move = (index: number, to: number, target: 'up' | 'down') => {
    if (to < 0 || to >= items.length) return;
    change(path, moveItem(items, index, to));
    // Keep focus on the same button, or on the other move button at the first / last row.
    setPending({ index: to, target: to === 0 ? 'down' : to === items.length - 1 ? 'up' : target });
  };

  const rowActions = (index: number) => {
    const rowName = fieldLabel('', [...rows, index]).replace(/^\s*\(|\)\s*$/g, '').trim();
    return (
      <span className="ff-row-actions">
        <button type="button" className="ff-icon-button" data-action="up" aria-label={`Move ${rowName} up`} title="Move up" disabled={index === 0} onClick={() => move(index, index - 1, 'up')}>
          <ArrowUp size={14} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="ff-icon-button"
          data-action="down"
          aria-label={`Move ${rowName} down`}
          title="Move down"
          disabled={index === items.length - 1}
          onClick={() => move(index, index + 1, 'down')}
        >
          <ArrowDown size={14} aria-hidden="true" />
        </button>
        <button type="button" className="ff-icon-button is-danger" data-action="remove" aria-label={`Remove ${rowName}`} title="Remove" onClick={() => remove(index)}>
          <X size={14} aria-hidden="true" />
        </button>
      </span>
    );
  };

  // Descriptions of the items' properties, shown once for all rows.
  const itemHelp = itemObject ? itemObject.properties.map(([name, s]) => [name, classify(s, root).schema.description] as const).filter(([, d]) => !!d) : [];
  const helpIdOf = (name: string) => `${id}-help-${pathToId(name)}`;

  return (
    <div
      className={`ff-array${problems.length > 0 ? ' is-invalid' : ''}`}
      role="group"
      aria-labelledby={labelId}
      data-field={pathText}
      aria-invalid={problems.length > 0 || undefined}
      ref={containerRef}
    >
      <div className="ff-array-head">
        <span className="ff-label" id={labelId}>
          {fieldLabel(label, rows)}
          <RequiredMark required={props.required} />
        </span>
        {items.length > 0 ? <span className="ff-count">{items.length}</span> : null}
      </div>
      <Help id={`${id}-help`} text={description} />
      {itemHelp.length > 0 ? (
        <details className="ff-item-help">
          <summary>Fields</summary>
          <dl>
            {itemHelp.map(([name, text]) => (
              <div key={name}>
                <dt>{humanize(name)}</dt>
                <dd id={helpIdOf(name)}>{text}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      <Problems id={`${id}-error`} problems={problems} path={path} />
      {items.length > 0 ? (
        <div className={`ff-rows${table ? ' ff-rows-table' : ' ff-rows-cards'}`} style={table ? ({ '--ff-cols': template } as CSSProperties) : undefined}>
          {table && itemObject ? (
            <div className="ff-rows-header" aria-hidden="true">
              {itemObject.properties.map(([name, s]) => (
                <span key={name} className="ff-rows-header-cell" title={classify(s, root).schema.description}>
                  {humanize(name)}
                  <RequiredMark required={itemObject.required.has(name)} />
                </span>
              ))}
              <span />
            </div>
          ) : null}
          {items.map((entry, index) => (
            <ArrayRow
              key={index}
              index={index}
              table={table}
              itemObject={itemObject}
              itemsSchema={props.items}
              path={path}
              rows={rows}
              name={props.name}
              entry={entry}
              actions={rowActions(index)}
              helpIdOf={helpIdOf}
            />
          ))}
        </div>
      ) : (
        <p className="ff-empty">No rows.</p>
      )}
      <div className="ff-array-footer">
        <button type="button" className="ff-button" data-action="add" onClick={add} disabled={maxItems !== undefined && items.length >= maxItems}>
          <Plus size={14} aria-hidden="true" />
          Add row
        </button>
      </div>
    </div>
  );
}

function ArrayRow(props: {
  index: number;
  table: boolean;
  itemObject: Extract<FieldKind, { kind: 'object' }> | null;
  itemsSchema: JsonSchema;
  path: readonly PathSegment[];
  rows: readonly number[];
  name: string;
  entry: unknown;
  actions: ReactNode;
  helpIdOf: (name: string) => string;
}) {
  const { index, table, itemObject, path, rows, entry } = props;
  const rowPath = [...path, index];
  const rowRows = [...rows, index];
  const problems = useFieldProblems(rowPath);
  const { idFor } = useForm();
  const rowId = idFor(formatPath(rowPath));
  const rowName = `Row ${rowRows.map((r) => r + 1).join('.')}`;
  const invalid = problems.length > 0;

  if (table) {
    const record = isRecord(entry) ? entry : {};
    return (
      <div className={`ff-row${invalid ? ' is-invalid' : ''}`} role="group" aria-label={rowName} data-row-index={index} data-row={formatPath(rowPath)}>
        {itemObject ? (
          itemObject.properties.map(([name, schema]) => (
            <Field
              key={name}
              schema={schema}
              path={[...rowPath, name]}
              name={name}
              rows={rowRows}
              required={itemObject.required.has(name)}
              value={record[name]}
              cell
              helpId={props.helpIdOf(name)}
            />
          ))
        ) : (
          <Field schema={props.itemsSchema} path={rowPath} name={props.name} rows={rowRows} required={false} value={entry} cell />
        )}
        {props.actions}
        {invalid ? (
          <div className="ff-row-problems">
            <Problems id={`${rowId}-error`} problems={problems} path={rowPath} />
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className={`ff-card${invalid ? ' is-invalid' : ''}`} role="group" aria-label={rowName} data-row-index={index} data-row={formatPath(rowPath)}>
      <div className="ff-card-head">
        <span className="ff-card-title">{rowName}</span>
        {props.actions}
      </div>
      <Problems id={`${rowId}-error`} problems={problems} path={rowPath} />
      <div className="ff-card-body">
        {itemObject ? (
          <ObjectFields field={itemObject} path={rowPath} rows={rowRows} value={entry} />
        ) : (
          <Field schema={props.itemsSchema} path={rowPath} name={props.name} rows={rowRows} required={false} value={entry} />
        )}
      </div>
    </div>
  );
}
