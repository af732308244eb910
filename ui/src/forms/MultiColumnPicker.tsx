/**
 * Several columns of an input port, in order: a list of the chosen columns (each with its type,
 * move up/down and remove buttons) and a column combobox to add one. Every add, remove or move is
 * one change (onChange right away); typing in the add box only filters until Enter or a choice.
 *
 * Keyboard: in the list, Alt+ArrowUp / Alt+ArrowDown on a column's buttons move it, Delete or
 * Backspace removes it; focus stays on the moved column.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ArrowDown, ArrowUp, TriangleAlert, X } from 'lucide-react';
import { ColumnCombobox, TypeBadge } from './ColumnPicker';
import { moveItem, removeItem } from './paths';
import { findColumn, isParameterReference, type ColumnInfo } from './sql';
import './forms.css';

export interface MultiColumnPickerProps {
  value: readonly string[] | undefined;
  onChange: (next: string[]) => void;
  columns: readonly ColumnInfo[];
  /** Accessible name of the add box when no `<label htmlFor={id}>` names it, e.g. "Group by". */
  ariaLabel?: string;
  /** Id of the add box, so a `<label htmlFor>` can name it. */
  id?: string;
  /** Path of the field, e.g. `group_by`; items get `group_by[0]`, ... as data-field. */
  dataField?: string;
  invalid?: boolean;
  /** Indices of items that have problems. */
  invalidItems?: ReadonlySet<number>;
  describedBy?: string;
  port?: string;
  /** Offer "Add all" for the remaining columns (default true). */
  allowAddAll?: boolean;
}

type Focus = { index: number; action: 'up' | 'down' | 'remove' } | { index: -1; action: 'add' };

export function MultiColumnPicker(props: MultiColumnPickerProps) {
  const { columns, onChange } = props;
  const value = props.value ?? [];
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLDivElement>(null);
  const [pendingFocus, setPendingFocus] = useState<Focus | null>(null);

  useEffect(() => {
    if (!pendingFocus) return;
    if (pendingFocus.action === 'add') {
      addRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    } else {
      const target =
        listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${pendingFocus.index}"] [data-action="${pendingFocus.action}"]:not(:disabled)`) ??
        listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${pendingFocus.index}"] [data-action="remove"]`);
      if (target) target.focus();
      else addRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    }
    setPendingFocus(null);
  }, [pendingFocus, value.length, value]);

  const move = (index: number, to: number, action: 'up' | 'down') => {
    if (to < 0 || to >= value.length) return;
    onChange(moveItem(value, index, to));
    setPendingFocus({ index: to, action: to === 0 ? 'down' : to === value.length - 1 ? 'up' : action });
  };

  const remove = (index: number) => {
    onChange(removeItem(value, index));
    if (value.length <= 1) setPendingFocus({ index: -1, action: 'add' });
    else setPendingFocus({ index: Math.min(index, value.length - 2), action: 'remove' });
  };

  const add = (name: string) => {
    const existing = value.findIndex((item) => item.toLowerCase() === name.toLowerCase());
    if (existing >= 0) return;
    const known = findColumn(columns, name);
    onChange([...value, known ? known.name : name]);
  };

  const remaining = columns.filter((column) => !value.some((item) => item.toLowerCase() === column.name.toLowerCase()));

  const onItemKey = (event: KeyboardEvent<HTMLElement>, index: number) => {
    if (event.altKey && event.key === 'ArrowUp') {
      event.preventDefault();
      move(index, index - 1, 'up');
    } else if (event.altKey && event.key === 'ArrowDown') {
      event.preventDefault();
      move(index, index + 1, 'down');
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(index);
    }
  };

  return (
    <div className={`ff-multi${props.invalid ? ' is-invalid' : ''}`}>
      {value.length > 0 ? (
        <ol className="ff-multi-list" ref={listRef}>
          {value.map((name, index) => {
            const known = findColumn(columns, name);
            const unknown = !known && columns.length > 0 && !isParameterReference(name);
            const itemInvalid = props.invalidItems?.has(index) ?? false;
            const itemPath = props.dataField !== undefined ? `${props.dataField}[${index}]` : undefined;
            return (
              <li
                key={`${index}:${name}`}
                data-index={index}
                data-field-item={itemPath}
                className={`ff-multi-item${itemInvalid ? ' is-invalid' : ''}${unknown ? ' is-unknown' : ''}`}
                onKeyDown={(event) => onItemKey(event, index)}
              >
                <span className="ff-multi-index" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="ff-multi-name" title={unknown ? `${name}: not a column of the input as far as known` : name}>
                  {name === '' ? <em className="ff-muted">(empty)</em> : name}
                </span>
                {unknown ? (
                  <>
                    <TriangleAlert className="ff-combobox-flag" size={13} aria-hidden="true" />
                    <span className="ff-visually-hidden">(unknown)</span>
                  </>
                ) : null}
                {known ? <TypeBadge type={known.type} /> : null}
                <span className="ff-row-actions">
                  <button
                    type="button"
                    className="ff-icon-button"
                    data-action="up"
                    aria-label={`Move ${name || 'item ' + (index + 1)} up`}
                    title="Move up (Alt+↑)"
                    disabled={index === 0}
                    onClick={() => move(index, index - 1, 'up')}
                  >
                    <ArrowUp size={14} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    className="ff-icon-button"
                    data-action="down"
                    aria-label={`Move ${name || 'item ' + (index + 1)} down`}
                    title="Move down (Alt+↓)"
                    disabled={index === value.length - 1}
                    onClick={() => move(index, index + 1, 'down')}
                  >
                    <ArrowDown size={14} aria-hidden="true" />
                  </button>
                  <button
                    type="button"
                    className="ff-icon-button is-danger"
                    data-action="remove"
                    aria-label={`Remove ${name || 'item ' + (index + 1)}`}
                    title="Remove (Delete)"
                    onClick={() => remove(index)}
                  >
                    <X size={14} aria-hidden="true" />
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      ) : null}
      <div className="ff-multi-add" ref={addRef}>
        <ColumnCombobox
          value=""
          clearOnCommit
          onCommit={add}
          columns={columns}
          exclude={value}
          id={props.id}
          ariaLabel={props.ariaLabel}
          dataField={props.dataField}
          invalid={props.invalid}
          describedBy={props.describedBy}
          port={props.port}
          placeholder={value.length === 0 ? (columns.length > 0 ? 'Add a column…' : 'Type a column name, Enter to add') : 'Add another column…'}
        />
        {props.allowAddAll !== false && remaining.length > 1 ? (
          <button type="button" className="ff-button ff-button-quiet" onClick={() => onChange([...value, ...remaining.map((column) => column.name)])}>
            Add all ({remaining.length})
          </button>
        ) : null}
      </div>
    </div>
  );
}
