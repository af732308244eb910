/**
 * A list of setting rows (join keys, sort keys, aggregations): each row a small card with a drag
 * handle (HTML5 drag and drop), move up / move down and remove buttons, and an add button below.
 * Every add, remove and move is one edit, based on the latest settings (`update`).
 *
 * Buttons are named "Add <item>", "Move <item> 1 up", "Move <item> 1 down", "Remove <item> 1".
 */
import { useState, type DragEvent, type ReactNode } from 'react';
import { ChevronDown, ChevronUp, GripVertical, Plus, Trash2 } from 'lucide-react';
import type { FieldProblem } from '../../forms/paths';
import { ProblemList } from './controls';
import { dropIndex, isAfter, move } from './reorder';

export interface DragState {
  from: number;
  over: number;
  after: boolean;
}

/** Drag-and-drop reordering of rows by a handle. */
export function useDragReorder(length: number, onMove: (from: number, to: number) => void) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const handleProps = (index: number) => ({
    draggable: true,
    onDragStart: (event: DragEvent<HTMLElement>) => {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', String(index));
      const row = (event.currentTarget as HTMLElement).closest('[data-row]');
      if (row instanceof HTMLElement) event.dataTransfer.setDragImage(row, 12, 12);
      setDrag({ from: index, over: index, after: false });
    },
    onDragEnd: () => setDrag(null),
  });
  const rowProps = (index: number) => ({
    'data-row': index,
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!drag) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
      const after = isAfter(event.clientY, box.top, box.height);
      if (drag.over !== index || drag.after !== after) setDrag({ ...drag, over: index, after });
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      if (!drag) return;
      event.preventDefault();
      const to = dropIndex(drag.from, drag.over, drag.after, length);
      setDrag(null);
      if (to !== drag.from) onMove(drag.from, to);
    },
  });
  /** A class for the row showing where the drop goes. */
  const rowClass = (index: number) => {
    if (!drag) return '';
    if (index === drag.from) return ' is-dragging';
    if (index === drag.over) return drag.after ? ' is-drop-after' : ' is-drop-before';
    return '';
  };
  return { drag, handleProps, rowProps, rowClass };
}

export interface RowListProps<T> {
  items: readonly T[];
  /** Settings path of the list, e.g. `keys`; rows get `keys[0]` as data-field. */
  path: string;
  /** Singular name for buttons: "key" → "Add key", "Remove key 1". */
  itemName: string;
  /** Changes the list, based on the latest settings. */
  update: (fn: (items: T[]) => T[]) => void;
  newItem: () => T;
  renderRow: (item: T, index: number) => ReactNode;
  /** Problems of the row itself (not of its fields). */
  rowProblems?: (index: number) => FieldProblem[] | undefined;
  addLabel?: string;
  canAdd?: boolean;
  emptyText?: ReactNode;
  /** Show the drag handle and move buttons (default true). */
  reorderable?: boolean;
}

export function RowList<T>(props: RowListProps<T>) {
  const { items, itemName } = props;
  const reorderable = props.reorderable !== false;
  const moveRow = (from: number, to: number) => props.update((list) => move(list, from, to));
  const { handleProps, rowProps, rowClass } = useDragReorder(items.length, moveRow);
  const [focus, setFocus] = useState<string | null>(null);

  return (
    <div className="ffp-rows" data-field={props.path}>
      {items.length === 0 ? (props.emptyText ? <p className="ffp-empty">{props.emptyText}</p> : null) : (
        <ol className="ffp-row-list">
          {items.map((item, index) => {
            const problems = props.rowProblems?.(index);
            return (
              <li
                key={index}
                className={`ffp-row${problems && problems.length > 0 ? ' is-invalid' : ''}${rowClass(index)}`}
                data-field={`${props.path}[${index}]`}
                {...rowProps(index)}
              >
                {reorderable ? (
                  <span className="ffp-handle" title="Drag to reorder" aria-hidden="true" {...handleProps(index)}>
                    <GripVertical size={14} />
                  </span>
                ) : null}
                <div className="ffp-row-body">{props.renderRow(item, index)}</div>
                <div className="ffp-row-actions">
                  {reorderable ? (
                    <>
                      <button
                        type="button"
                        className="ff-icon-button"
                        aria-label={`Move ${itemName} ${index + 1} up`}
                        title="Move up"
                        disabled={index === 0}
                        ref={(element) => {
                          if (element && focus === `${index}:up`) {
                            element.focus();
                            setFocus(null);
                          }
                        }}
                        onClick={() => {
                          moveRow(index, index - 1);
                          setFocus(`${index - 1}:${index - 1 === 0 ? 'down' : 'up'}`);
                        }}
                      >
                        <ChevronUp size={14} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        className="ff-icon-button"
                        aria-label={`Move ${itemName} ${index + 1} down`}
                        title="Move down"
                        disabled={index === items.length - 1}
                        ref={(element) => {
                          if (element && focus === `${index}:down`) {
                            element.focus();
                            setFocus(null);
                          }
                        }}
                        onClick={() => {
                          moveRow(index, index + 1);
                          setFocus(`${index + 1}:${index + 1 === items.length - 1 ? 'up' : 'down'}`);
                        }}
                      >
                        <ChevronDown size={14} aria-hidden="true" />
                      </button>
                    </>
                  ) : null}
                  <button
                    type="button"
                    className="ff-icon-button is-danger"
                    aria-label={`Remove ${itemName} ${index + 1}`}
                    title="Remove"
                    onClick={() => props.update((list) => list.filter((_, at) => at !== index))}
                  >
                    <Trash2 size={14} aria-hidden="true" />
                  </button>
                </div>
                {problems && problems.length > 0 ? (
                  <div className="ffp-row-problems">
                    <ProblemList problems={problems} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {props.canAdd !== false ? (
        <button type="button" className="ff-button ffp-add" onClick={() => props.update((list) => [...list, props.newItem()])}>
          <Plus size={14} aria-hidden="true" /> {props.addLabel ?? `Add ${itemName}`}
        </button>
      ) : null}
    </div>
  );
}
