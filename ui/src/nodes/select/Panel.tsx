/**
 * The select node: a table of the input's columns merged with the listed ones. Per row: keep,
 * name and type, rename to, cast to; rows reorder by dragging the handle or with the up/down
 * buttons. Settings: `{columns: [{column, keep, rename_to?, cast_to?}], drop_unlisted?}`.
 */
import { ChevronDown, ChevronUp, GripVertical, ListPlus, Trash2, TriangleAlert } from 'lucide-react';
import { TypeBadge } from '../../forms/ColumnPicker';
import type { NodePanelProps } from '../registry';
import { Checkbox, FieldShell, optionsOf, PresetInput, ProblemList, TextInput } from '../common/controls';
import { CAST_TYPES } from '../common/duckdb';
import { PanelFrame, toColumnInfo, usePanelKit } from '../common/PanelFrame';
import { useDragReorder } from '../common/RowList';
import { descriptionAt } from '../common/schemaInfo';
import { applySelectEdit, duplicateOutputs, mergeSelectRows, outputName, type SelectEdit, type SelectRow } from './selectTable';

const HANDLED = ['columns', 'drop_unlisted'];
const CAST_PRESETS = optionsOf(CAST_TYPES, Object.fromEntries(CAST_TYPES.map((type) => [type, type])));

export function SelectPanel(props: NodePanelProps) {
  const input = toColumnInfo(props.columns('main'));
  const dropUnlisted = props.settings.drop_unlisted === true;
  const rows = mergeSelectRows(props.settings.columns, input, dropUnlisted);
  const fields = ['columns', 'drop_unlisted', ...rows.flatMap((row) => (row.index >= 0 ? [`columns[${row.index}]`, `columns[${row.index}].column`, `columns[${row.index}].rename_to`, `columns[${row.index}].cast_to`, `columns[${row.index}].keep`] : []))];
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, fields, HANDLED);
  const { editor, idFor, problemsAt } = kit;
  const edit = (change: SelectEdit) => editor.update((settings) => applySelectEdit(settings, input, change));
  const { handleProps, rowProps, rowClass } = useDragReorder(rows.length, (from, to) => edit({ kind: 'move', from, to }));
  const duplicates = duplicateOutputs(rows);
  const listed = rows.filter((row) => row.index >= 0).length;
  const kept = rows.filter((row) => row.keep).length;
  const tableProblems = problemsAt('columns');
  const keys = rowKeys(rows);

  return (
    <PanelFrame type="select" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <div className={`ff-field ffp-field${tableProblems.length > 0 ? ' is-invalid' : ''}`} data-field="columns">
        <div className="ffp-section-head">
          <span className="ff-label" id={idFor('columns')}>
            Columns
          </span>
          <span className="ffp-count">
            {kept} of {rows.length} kept
          </span>
          <span className="ffp-spacer" />
          <button type="button" className="ff-button ff-button-quiet ffp-small" onClick={() => edit({ kind: 'keepAll', keep: true })} disabled={rows.length === 0}>
            All
          </button>
          <button type="button" className="ff-button ff-button-quiet ffp-small" onClick={() => edit({ kind: 'keepAll', keep: false })} disabled={rows.length === 0}>
            None
          </button>
        </div>
        {listed === 0 && rows.length > 0 ? (
          <div className="ffp-note">
            No columns are listed in the settings yet.{' '}
            <button type="button" className="ff-button ff-button-quiet ffp-small" onClick={() => edit({ kind: 'list' })}>
              <ListPlus size={13} aria-hidden="true" /> List the input's columns
            </button>
          </div>
        ) : null}
        <ProblemList problems={tableProblems} path="columns" id={`${idFor('columns')}-error`} />
        {rows.length === 0 ? (
          <p className="ffp-empty">No input columns known: connect an input to list its columns.</p>
        ) : (
          <div className="ffp-select-table" role="table" aria-labelledby={idFor('columns')}>
            <div className="ffp-select-head" role="row">
              <span role="columnheader" className="ffp-visually-hidden">
                Order
              </span>
              <span role="columnheader" title="Keep">
                Keep
              </span>
              <span role="columnheader">Keep · column · rename to · cast to</span>
              <span role="columnheader" className="ffp-visually-hidden">
                Move
              </span>
            </div>
            {rows.map((row, position) => (
              <SelectTableRow
                key={keys[position]}
                row={row}
                position={position}
                count={rows.length}
                duplicate={row.keep && duplicates.has(outputName(row).toLowerCase())}
                kit={{ idFor, problemsAt }}
                edit={edit}
                handle={handleProps(position)}
                rowAttrs={rowProps(position)}
                dragClass={rowClass(position)}
              />
            ))}
          </div>
        )}
      </div>
      <FieldShell
        label="Drop columns not listed"
        htmlFor={idFor('drop_unlisted')}
        inline
        problems={problemsAt('drop_unlisted')}
        help={descriptionAt(kit.schema, ['drop_unlisted']) ?? 'Drop input columns that are not listed (e.g. new ones); by default they follow the listed ones.'}
        helpId={`${idFor('drop_unlisted')}-help`}
      >
        <Checkbox
          id={idFor('drop_unlisted')}
          dataField="drop_unlisted"
          checked={dropUnlisted}
          isDefault={props.settings.drop_unlisted === undefined}
          invalid={problemsAt('drop_unlisted').length > 0}
          describedBy={`${idFor('drop_unlisted')}-help`}
          onCommit={(checked) => editor.set('drop_unlisted', checked ? true : undefined)}
        />
      </FieldShell>
    </PanelFrame>
  );
}

function SelectTableRow(props: {
  row: SelectRow;
  position: number;
  count: number;
  duplicate: boolean;
  kit: { idFor: (path: string) => string; problemsAt: (path: string) => import('../../forms/paths').FieldProblem[] };
  edit: (change: SelectEdit) => void;
  handle: ReturnType<ReturnType<typeof useDragReorder>['handleProps']>;
  rowAttrs: ReturnType<ReturnType<typeof useDragReorder>['rowProps']>;
  dragClass: string;
}) {
  const { row, position, kit, edit } = props;
  const n = position + 1;
  const base = row.index >= 0 ? `columns[${row.index}]` : `columns[${position}]`;
  const at = (field: string) => (row.index >= 0 ? kit.problemsAt(`${base}.${field}`) : []);
  const rowProblems = row.index >= 0 ? [...kit.problemsAt(base), ...at('column'), ...at('keep')] : [];
  const renameProblems = at('rename_to');
  const castProblems = at('cast_to');
  const id = kit.idFor(`select-row-${position}`);
  const name = row.column;
  return (
    <div
      role="row"
      className={`ffp-select-row${row.keep ? '' : ' is-dropped'}${row.missing ? ' is-missing' : ''}${rowProblems.length > 0 ? ' is-invalid' : ''}${props.dragClass}`}
      data-column={row.column}
      data-field={row.index >= 0 ? base : undefined}
      {...props.rowAttrs}
    >
      <span role="cell" className="ffp-handle" title="Drag to reorder" aria-hidden="true" {...props.handle}>
        <GripVertical size={14} />
      </span>
      <span role="cell" className="ffp-select-keep">
        <Checkbox
          id={`${id}-keep`}
          ariaLabel={`Keep ${name} (row ${n})`}
          dataField={`${base}.keep`}
          checked={row.keep}
          onCommit={(keep) => edit({ kind: 'patch', column: row.column, patch: { keep } })}
        />
      </span>
      <span role="cell" className="ffp-select-name" title={row.missing ? `${name}: not a column of the input` : `${name}${row.type ? ` (${row.type})` : ''}`}>
        <span className="ffp-select-name-text" data-field={`${base}.column`}>
          {name}
        </span>
        {row.missing ? (
          <span className="ffp-missing">
            <TriangleAlert size={12} aria-hidden="true" /> missing
          </span>
        ) : row.type ? (
          <TypeBadge type={row.type} />
        ) : null}
      </span>
      <span role="cell" className="ffp-select-move">
        {row.missing ? (
          <button type="button" className="ff-icon-button is-danger" aria-label={`Remove ${name} (row ${n})`} title="Remove from the settings" onClick={() => edit({ kind: 'remove', column: row.column })}>
            <Trash2 size={13} aria-hidden="true" />
          </button>
        ) : null}
        <button type="button" className="ff-icon-button ffp-tiny" aria-label={`Move ${name} up (row ${n})`} title="Move up" disabled={position === 0} onClick={() => edit({ kind: 'move', from: position, to: position - 1 })}>
          <ChevronUp size={13} aria-hidden="true" />
        </button>
        <button type="button" className="ff-icon-button ffp-tiny" aria-label={`Move ${name} down (row ${n})`} title="Move down" disabled={position === props.count - 1} onClick={() => edit({ kind: 'move', from: position, to: position + 1 })}>
          <ChevronDown size={13} aria-hidden="true" />
        </button>
      </span>
      <div className="ffp-select-edit">
      <span role="cell" className="ffp-select-rename">
        <TextInput
          id={`${id}-rename`}
          ariaLabel={`Rename to (row ${n})`}
          dataField={`${base}.rename_to`}
          value={row.renameTo}
          placeholder="Rename to…"
          invalid={renameProblems.length > 0 || props.duplicate}
          disabled={!row.keep}
          onCommit={(text) => edit({ kind: 'patch', column: row.column, patch: { renameTo: text.trim() === '' ? '' : text } })}
        />
      </span>
      <span role="cell" className="ffp-select-cast">
        <PresetInput
          id={`${id}-cast`}
          ariaLabel={`Cast to (row ${n})`}
          dataField={`${base}.cast_to`}
          value={row.castTo === '' ? undefined : row.castTo}
          presets={CAST_PRESETS}
          emptyLabel="as is"
          mono
          invalid={castProblems.length > 0}
          disabled={!row.keep}
          placeholder="DuckDB type"
          onCommit={(next) => edit({ kind: 'patch', column: row.column, patch: { castTo: next ?? '' } })}
        />
      </span>
      </div>
      {rowProblems.length > 0 || renameProblems.length > 0 || castProblems.length > 0 || props.duplicate ? (
        <div className="ffp-select-problems" role="cell">
          <ProblemList problems={[...rowProblems, ...renameProblems, ...castProblems]} path={base} />
          {props.duplicate && rowProblems.length === 0 ? <div className="ff-field-note is-warning">Another kept column has the output name “{outputName(row)}”.</div> : null}
        </div>
      ) : null}
    </div>
  );
}

/** Stable React keys: the column name (a name listed twice gets a counter). */
function rowKeys(rows: readonly SelectRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const name = row.column.toLowerCase();
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}#${count}`;
  });
}
