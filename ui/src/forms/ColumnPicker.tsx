/**
 * Column pickers: a combobox listing the columns of an input port with their types, that also
 * accepts a typed name not in the list (shown flagged: the input may not be connected yet, or the
 * column may come from a parameter).
 *
 * Commit timing: the value is committed (onChange) when an option is chosen (click or Enter on the
 * highlighted option), when Enter is pressed on typed text, and on blur. Typing itself only
 * filters the list; nothing is sent per keystroke. Escape closes the list, a second Escape reverts
 * the typed text.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ChevronDown, TriangleAlert } from 'lucide-react';
import { findColumn, isParameterReference, matchColumns, typeFamily, type ColumnInfo } from './sql';
import './forms.css';

export type { ColumnInfo } from './sql';

/** A DuckDB type as a small muted badge. */
export function TypeBadge({ type }: { type: string }) {
  return (
    <span className="ff-type-badge" data-family={typeFamily(type)} title={type}>
      {type}
    </span>
  );
}

export interface ColumnComboboxProps {
  /** The committed value. */
  value: string;
  /** Called with the chosen or typed name (trimmed of surrounding whitespace; '' when cleared). */
  onCommit: (name: string) => void;
  columns: readonly ColumnInfo[];
  id?: string;
  /** Accessible name when no `<label htmlFor={id}>` names the input. */
  ariaLabel?: string;
  dataField?: string;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string;
  placeholder?: string;
  /** Names not offered (e.g. columns already chosen in a multi-column picker). */
  exclude?: readonly string[];
  /** Adder mode: the input empties after each commit and blur does not commit. */
  clearOnCommit?: boolean;
  /** Whether to flag a committed value that names no known column (default true). */
  flagUnknown?: boolean;
  /** The input port, for messages. */
  port?: string;
  className?: string;
}

interface PopupPosition {
  left: number;
  top: number;
  width: number;
  maxHeight: number;
  above: boolean;
}

/** The combobox used by both pickers. */
export function ColumnCombobox(props: ColumnComboboxProps) {
  const { value, onCommit, columns, exclude, clearOnCommit = false, flagUnknown = true } = props;
  const generatedId = useId();
  const inputId = props.id ?? `ff-col-${generatedId}`;
  const listId = `${inputId}-list`;
  const [draft, setDraft] = useState(clearOnCommit ? '' : value);
  const [seenValue, setSeenValue] = useState(value);
  const [open, setOpen] = useState(false);
  const [filtering, setFiltering] = useState(false);
  const [active, setActive] = useState(-1);
  const [position, setPosition] = useState<PopupPosition | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // A new committed value from outside (the server, undo, another row moving here) replaces the text.
  if (value !== seenValue) {
    setSeenValue(value);
    if (!clearOnCommit) setDraft(value);
  }

  const excluded = new Set((exclude ?? []).map((name) => name.toLowerCase()));
  const available = columns.filter((column) => !excluded.has(column.name.toLowerCase()));
  const options = filtering ? matchColumns(available, draft) : available;
  const known = value === '' ? undefined : findColumn(columns, value);
  const unknown = flagUnknown && !clearOnCommit && value !== '' && !known && columns.length > 0 && !isParameterReference(value);

  const place = () => {
    const box = wrapRef.current?.getBoundingClientRect();
    if (!box) return;
    const below = window.innerHeight - box.bottom - 8;
    const aboveSpace = box.top - 8;
    const above = below < 160 && aboveSpace > below;
    const maxHeight = Math.max(96, Math.min(260, above ? aboveSpace : below));
    setPosition({ left: box.left, top: above ? box.top - 2 : box.bottom + 2, width: Math.max(box.width, 200), maxHeight, above });
  };

  useLayoutEffect(() => {
    if (!open) return;
    place();
    const onMove = () => place();
    window.addEventListener('scroll', onMove, true);
    window.addEventListener('resize', onMove);
    return () => {
      window.removeEventListener('scroll', onMove, true);
      window.removeEventListener('resize', onMove);
    };
  }, [open]);

  useEffect(() => {
    if (!open || active < 0) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    item?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active]);

  const openList = (all: boolean) => {
    setOpen(true);
    if (all) setFiltering(false);
    const list = all ? available : options;
    const current = list.findIndex((column) => column.name === value);
    setActive(current >= 0 ? current : list.length > 0 ? 0 : -1);
  };

  const close = () => {
    setOpen(false);
    setFiltering(false);
    setActive(-1);
  };

  const commit = (text: string) => {
    const name = text.trim();
    close();
    if (clearOnCommit) {
      setDraft('');
      if (name !== '') onCommit(name);
      return;
    }
    setDraft(name);
    if (name !== value) onCommit(name);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open || event.altKey) openList(!filtering);
        else setActive((i) => Math.min(options.length - 1, i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList(!filtering);
        else setActive((i) => Math.max(0, i - 1));
        break;
      case 'PageDown':
        if (open) {
          event.preventDefault();
          setActive((i) => Math.min(options.length - 1, i + 8));
        }
        break;
      case 'PageUp':
        if (open) {
          event.preventDefault();
          setActive((i) => Math.max(0, i - 8));
        }
        break;
      case 'Enter':
        if (event.nativeEvent.isComposing) return;
        event.preventDefault();
        if (open && active >= 0 && active < options.length) commit(options[active].name);
        else commit(draft);
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        } else if (draft !== (clearOnCommit ? '' : value)) {
          event.preventDefault();
          event.stopPropagation();
          setDraft(clearOnCommit ? '' : value);
        }
        break;
      case 'Tab':
        if (open) close();
        break;
      default:
        break;
    }
  };

  const activeId = open && active >= 0 && active < options.length ? `${listId}-${active}` : undefined;
  const describedBy = [props.describedBy, unknown ? `${inputId}-unknown` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`ff-combobox${props.className ? ` ${props.className}` : ''}`}>
      <div className={`ff-combobox-control${props.invalid ? ' is-invalid' : ''}${unknown ? ' is-unknown' : ''}`} ref={wrapRef}>
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          className="ff-combobox-input"
          autoComplete="off"
          spellCheck={false}
          aria-label={props.ariaLabel}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={props.invalid || undefined}
          aria-required={props.required || undefined}
          aria-describedby={describedBy}
          data-field={props.dataField}
          placeholder={props.placeholder ?? (columns.length > 0 ? 'Choose a column…' : 'Column name')}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setFiltering(true);
            setOpen(true);
            const matches = matchColumns(available, event.target.value);
            setActive(event.target.value.trim() !== '' && matches.length > 0 ? 0 : -1);
          }}
          onKeyDown={onKeyDown}
          onClick={() => (open ? close() : openList(true))}
          onBlur={() => {
            if (clearOnCommit) {
              close();
              return;
            }
            commit(draft);
          }}
        />
        {known && !clearOnCommit && draft === value ? <TypeBadge type={known.type} /> : null}
        {unknown ? <TriangleAlert className="ff-combobox-flag" size={14} aria-hidden="true" /> : null}
        <button
          type="button"
          className="ff-icon-button ff-combobox-toggle"
          tabIndex={-1}
          aria-hidden="true"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            inputRef.current?.focus();
            if (open) close();
            else openList(true);
          }}
        >
          <ChevronDown size={14} aria-hidden="true" />
        </button>
      </div>
      {unknown ? (
        <div className="ff-field-note is-warning" id={`${inputId}-unknown`}>
          Not a column of input {props.port ? `“${props.port}”` : ''} as far as known
        </div>
      ) : null}
      {open && position ? (
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className={`ff-listbox${position.above ? ' is-above' : ''}`}
          style={{
            left: position.left,
            width: position.width,
            maxHeight: position.maxHeight,
            ...(position.above ? { bottom: window.innerHeight - position.top } : { top: position.top }),
          }}
          onMouseDown={(event) => event.preventDefault()}
        >
          {options.map((column, index) => (
            <li
              key={column.name}
              id={`${listId}-${index}`}
              data-index={index}
              role="option"
              aria-selected={index === active}
              className={`ff-option${index === active ? ' is-active' : ''}${column.name === value ? ' is-current' : ''}`}
              onMouseMove={() => index !== active && setActive(index)}
              onClick={() => commit(column.name)}
            >
              <span className="ff-option-name">{column.name}</span>
              <TypeBadge type={column.type} />
            </li>
          ))}
          {options.length === 0 ? (
            <li className="ff-option-empty" role="presentation">
              {columns.length === 0
                ? `No columns known${props.port ? ` for input “${props.port}”` : ''}; type a name`
                : available.length === 0
                  ? 'Every column is already chosen'
                  : draft.trim() !== ''
                    ? `No matching column; Enter uses “${draft.trim()}”`
                    : 'No columns'}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

export interface ColumnPickerProps {
  /** The column name, or undefined/'' when none is chosen. */
  value: string | undefined;
  /** Called with the new name; undefined when the field is cleared. */
  onChange: (next: string | undefined) => void;
  columns: readonly ColumnInfo[];
  ariaLabel?: string;
  id?: string;
  dataField?: string;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string;
  port?: string;
  placeholder?: string;
}

/** One column of an input port. Commits on choice, Enter and blur (see the file comment). */
export function ColumnPicker(props: ColumnPickerProps) {
  return (
    <ColumnCombobox
      value={props.value ?? ''}
      onCommit={(name) => props.onChange(name === '' ? undefined : name)}
      columns={props.columns}
      id={props.id}
      ariaLabel={props.ariaLabel}
      dataField={props.dataField}
      invalid={props.invalid}
      required={props.required}
      describedBy={props.describedBy}
      port={props.port}
      placeholder={props.placeholder}
    />
  );
}
