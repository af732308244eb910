/**
 * The formula node: the column to write and the SQL expression computing it, plus the type to
 * convert the result to. Settings: `{column, expression, type?}`.
 */
import { SqlEditor } from '../../forms/LazySqlEditor';
import { findColumn } from '../../forms/sql';
import type { NodePanelProps } from '../registry';
import { describedBy, FieldShell, optionsOf, PresetInput, TextInput } from '../common/controls';
import { CAST_TYPES } from '../common/duckdb';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { asText } from '../common/reorder';
import { descriptionAt } from '../common/schemaInfo';

const HANDLED = ['column', 'expression', 'type'];
const TYPE_PRESETS = optionsOf(CAST_TYPES, Object.fromEntries(CAST_TYPES.map((type) => [type, type])));

export function FormulaPanel(props: NodePanelProps) {
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, HANDLED, HANDLED);
  const { editor, schema } = kit;
  const columns = kit.columnsOf('main');
  const column = asText(props.settings.column);
  const existing = column !== '' ? findColumn(columns, column) : undefined;
  const field = kit.field;
  const fColumn = field('column');
  const fExpression = field('expression');
  const fType = field('type');
  const listId = `${fColumn.id}-columns`;

  return (
    <PanelFrame type="formula" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <FieldShell label="New column" htmlFor={fColumn.id} errorId={fColumn.errorId} problems={fColumn.problems}>
        <TextInput
          id={fColumn.id}
          ariaLabel="New column"
          dataField="column"
          value={column}
          placeholder="Name of the column to write"
          invalid={fColumn.invalid}
          required
          describedBy={describedBy(fColumn.describedBy, `${fColumn.id}-note`)}
          list={listId}
          onCommit={(text) => editor.set('column', text.trim())}
        />
        <datalist id={listId}>
          {columns.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
        <div className="ff-field-note" id={`${fColumn.id}-note`}>
          {column === '' ? 'A new name adds a column at the end; an existing name replaces that column in place.' : existing ? `Replaces the existing column “${existing.name}” (${existing.type}) in place.` : 'Adds a new column at the end.'}
        </div>
      </FieldShell>
      <FieldShell
        label="Expression"
        htmlFor={fExpression.id}
        focusOnLabel={fExpression.id}
        errorId={fExpression.errorId}
        problems={fExpression.problems}
        help={descriptionAt(schema, ['expression'])}
      >
        <SqlEditor
          id={fExpression.id}
          value={asText(props.settings.expression)}
          onChange={(text) => editor.set('expression', text)}
          columns={columns}
          ariaLabel="Expression"
          dataField="expression"
          invalid={fExpression.invalid}
          required
          describedBy={fExpression.describedBy}
          placeholder="e.g. price * quantity"
          minLines={3}
        />
      </FieldShell>
      <FieldShell label="Output type" htmlFor={fType.id} errorId={fType.errorId} problems={fType.problems} help="Empty keeps the expression's type.">
        <PresetInput
          id={fType.id}
          ariaLabel="Output type"
          dataField="type"
          value={asText(props.settings.type) || undefined}
          presets={TYPE_PRESETS}
          emptyLabel="The expression's type"
          mono
          placeholder="DuckDB type, e.g. DECIMAL(18,3)"
          invalid={fType.invalid}
          describedBy={fType.describedBy}
          onCommit={(next) => editor.set('type', next)}
        />
      </FieldShell>
    </PanelFrame>
  );
}
