/**
 * A list of texts (the values of a filter's `in`, a pivot's values): each item editable in place
 * (committed on blur / Enter), movable and removable, plus an input that adds an item on Enter.
 * Inputs: "<Label> (row n)" with data-field `<path>[n]`; the adder "New <label>" with data-field `<path>`
 * (Enter or the "Add <label>" button adds it).
 */
import { useState } from 'react';
import { ChevronDown, ChevronUp, Plus, Trash2 } from 'lucide-react';
import type { FieldProblem } from '../../forms/paths';
import { ProblemList, TextInput } from './controls';
import { move } from './reorder';

export interface StringListProps {
  values: readonly string[];
  path: string;
  /** Singular label of an item: "Value". */
  label: string;
  update: (fn: (values: string[]) => string[]) => void;
  idPrefix: string;
  invalid?: boolean;
  describedBy?: string;
  /** Problems of single items (`values[2]`), by index. */
  itemProblems?: (index: number) => FieldProblem[] | undefined;
  placeholder?: string;
}

export function StringList(props: StringListProps) {
  const { values, path, label } = props;
  const [adding, setAdding] = useState('');
  const add = () => {
    const text = adding;
    if (text.trim() === '') return;
    setAdding('');
    props.update((list) => [...list, text]);
  };
  return (
    <div className="ffp-strings">
      {values.length > 0 ? (
        <ol className="ffp-string-list">
          {values.map((value, index) => {
            const problems = props.itemProblems?.(index);
            return (
              <li key={index} className={`ffp-string${problems && problems.length > 0 ? ' is-invalid' : ''}`}>
                <span className="ffp-string-index" aria-hidden="true">
                  {index + 1}
                </span>
                <TextInput
                  id={`${props.idPrefix}-${index}`}
                  value={value}
                  ariaLabel={`${label} (row ${index + 1})`}
                  dataField={`${path}[${index}]`}
                  invalid={(problems?.length ?? 0) > 0}
                  onCommit={(text) => props.update((list) => list.map((item, at) => (at === index ? text : item)))}
                />
                <button type="button" className="ff-icon-button" aria-label={`Move ${label.toLowerCase()} ${index + 1} up`} title="Move up" disabled={index === 0} onClick={() => props.update((list) => move(list, index, index - 1))}>
                  <ChevronUp size={14} aria-hidden="true" />
                </button>
                <button type="button" className="ff-icon-button" aria-label={`Move ${label.toLowerCase()} ${index + 1} down`} title="Move down" disabled={index === values.length - 1} onClick={() => props.update((list) => move(list, index, index + 1))}>
                  <ChevronDown size={14} aria-hidden="true" />
                </button>
                <button type="button" className="ff-icon-button is-danger" aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} title="Remove" onClick={() => props.update((list) => list.filter((_, at) => at !== index))}>
                  <Trash2 size={14} aria-hidden="true" />
                </button>
                {problems && problems.length > 0 ? <ProblemList problems={problems} /> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <div className="ffp-string-add">
        <input
          id={props.idPrefix}
          type="text"
          className="ff-input ffp-input"
          autoComplete="off"
          aria-label={`New ${label.toLowerCase()}`}
          data-field={path}
          aria-invalid={props.invalid || undefined}
          aria-describedby={props.describedBy}
          placeholder={props.placeholder ?? `Add a ${label.toLowerCase()}, Enter`}
          value={adding}
          onChange={(event) => setAdding(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
              event.preventDefault();
              add();
            } else if (event.key === 'Escape' && adding !== '') {
              event.preventDefault();
              event.stopPropagation();
              setAdding('');
            }
          }}
          onBlur={add}
        />
        <button type="button" className="ff-icon-button" aria-label={`Add ${label.toLowerCase()}`} title="Add" disabled={adding.trim() === ''} onMouseDown={(event) => event.preventDefault()} onClick={add}>
          <Plus size={14} aria-hidden="true" />
        </button>
      </div>
    </div>
  );
}
