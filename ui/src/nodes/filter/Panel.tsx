/**
 * The filter node: Basic (a column, an operator and its values) or Advanced (an SQL expression).
 * Settings: `{mode: 'basic'|'advanced', basic: {column, operator, value?, value2?, values?}, expression?}`.
 * Switching mode keeps the other mode's condition, so switching back restores it.
 */
import { ColumnPicker } from '../../forms/ColumnPicker';
import { SqlEditor } from '../../forms/LazySqlEditor';
import { findColumn } from '../../forms/sql';
import type { NodePanelProps } from '../registry';
import { FieldShell, optionsOf, ProblemList, Segmented, SelectInput, TextInput } from '../common/controls';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { asList, asRecord, asText } from '../common/reorder';
import { defaultAt, descriptionAt, enumOptions } from '../common/schemaInfo';
import { StringList } from '../common/StringList';
import { arityOf, OPERATORS, operatorLabel, valuePlaceholder, withOperator } from './operators';

const HANDLED = ['mode', 'basic', 'expression'];
const MODE_LABELS: Record<string, string> = { basic: 'Basic', advanced: 'Advanced' };

export function FilterPanel(props: NodePanelProps) {
  const settings = props.settings;
  const basic = asRecord(settings.basic);
  const values = asList(basic.values).map(asText);
  const fields = ['mode', 'basic', 'basic.column', 'basic.operator', 'basic.value', 'basic.value2', 'basic.values', ...values.map((_, i) => `basic.values[${i}]`), 'expression'];
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, fields, HANDLED);
  const { editor, idFor, problemsAt, schema } = kit;
  const modes = enumOptions(schema, ['mode'], ['basic', 'advanced']);
  const fallbackMode = asText(defaultAt(schema, ['mode'])) || modes[0] || 'basic';
  const mode = typeof settings.mode === 'string' && settings.mode !== '' ? settings.mode.toLowerCase() : fallbackMode;
  const operators = enumOptions(schema, ['basic', 'operator'], OPERATORS);
  const operator = typeof basic.operator === 'string' ? basic.operator.toLowerCase() : undefined;
  const arity = arityOf(operator);
  const columns = kit.columnsOf('main');
  const column = asText(basic.column);
  const columnType = column !== '' ? findColumn(columns, column)?.type : undefined;

  /** Changes the basic condition; a new one starts with `equals`. */
  const setBasic = (fn: (basic: Record<string, unknown>) => Record<string, unknown>) =>
    editor.update((current) => {
      const existing = asRecord(current.basic);
      const start = Object.keys(existing).length === 0 ? { operator: operators.includes('equals') ? 'equals' : operators[0] } : existing;
      return { ...current, basic: fn(start) };
    });

  const basicProblems = problemsAt('basic');
  const field = kit.field;
  const fColumn = field('basic.column');
  const fOperator = field('basic.operator');
  const fValue = field('basic.value');
  const fValue2 = field('basic.value2');
  const fValues = field('basic.values');
  const fExpression = field('expression');
  // Problems of the condition of the mode not shown (kept for switching back) stay visible.
  const hiddenProblems =
    mode === 'advanced'
      ? [...basicProblems, ...fColumn.problems, ...fOperator.problems, ...fValue.problems, ...fValue2.problems, ...fValues.problems, ...values.flatMap((_, i) => problemsAt(`basic.values[${i}]`))]
      : fExpression.problems;

  return (
    <PanelFrame type="filter" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <div className="ffp-mode">
        <Segmented
          label="Mode"
          name={`${idFor('mode')}-radio`}
          dataField="mode"
          value={mode}
          options={optionsOf(modes, MODE_LABELS)}
          onCommit={(next) => editor.set('mode', next)}
        />
        <ProblemList problems={problemsAt('mode')} />
        {hiddenProblems.length > 0 ? (
          <div className="ffp-hidden-problems">
            <div className="ff-field-note">The {mode === 'advanced' ? 'basic condition' : 'advanced expression'} (kept for switching back) has problems:</div>
            <ProblemList problems={hiddenProblems} />
          </div>
        ) : null}
      </div>
      {mode === 'advanced' ? (
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
            value={asText(settings.expression)}
            onChange={(text) => editor.set('expression', text)}
            columns={columns}
            ariaLabel="Expression"
            dataField="expression"
            invalid={fExpression.invalid}
            required
            describedBy={fExpression.describedBy}
            placeholder="e.g. age >= 18 AND city <> 'oslo'"
            minLines={3}
          />
        </FieldShell>
      ) : (
        <div className={`ffp-group${basicProblems.length > 0 ? ' is-invalid' : ''}`} data-field="basic">
          <ProblemList problems={basicProblems} path="basic" />
          <FieldShell label="Column" htmlFor={fColumn.id} errorId={fColumn.errorId} problems={fColumn.problems}>
            <ColumnPicker
              id={fColumn.id}
              value={column}
              onChange={(next) => setBasic((b) => ({ ...b, column: next ?? '' }))}
              columns={columns}
              port="main"
              ariaLabel="Column"
              dataField="basic.column"
              invalid={fColumn.invalid}
              required
              describedBy={fColumn.describedBy}
            />
          </FieldShell>
          <FieldShell label="Operator" htmlFor={fOperator.id} errorId={fOperator.errorId} problems={fOperator.problems}>
            <SelectInput
              id={fOperator.id}
              ariaLabel="Operator"
              dataField="basic.operator"
              value={operator}
              options={operators.map((value) => ({ value, label: operatorLabel(value) }))}
              invalid={fOperator.invalid}
              required
              describedBy={fOperator.describedBy}
              onCommit={(next) => {
                if (next !== undefined) setBasic((b) => withOperator(b, next));
              }}
            />
          </FieldShell>
          {arity === 'one' || arity === 'two' ? (
            <div className={arity === 'two' ? 'ffp-pair' : undefined}>
              <FieldShell label={arity === 'two' ? 'From' : 'Value'} htmlFor={fValue.id} errorId={fValue.errorId} problems={fValue.problems}>
                <TextInput
                  id={fValue.id}
                  ariaLabel="Value"
                  dataField="basic.value"
                  value={asText(basic.value)}
                  placeholder={valuePlaceholder(columnType)}
                  invalid={fValue.invalid}
                  required
                  describedBy={fValue.describedBy}
                  onCommit={(text) => setBasic((b) => ({ ...b, value: text }))}
                />
              </FieldShell>
              {arity === 'two' ? (
                <FieldShell label="To (inclusive)" htmlFor={fValue2.id} errorId={fValue2.errorId} problems={fValue2.problems}>
                  <TextInput
                    id={fValue2.id}
                    ariaLabel="Upper value"
                    dataField="basic.value2"
                    value={asText(basic.value2)}
                    placeholder={valuePlaceholder(columnType)}
                    invalid={fValue2.invalid}
                    required
                    describedBy={fValue2.describedBy}
                    onCommit={(text) => setBasic((b) => ({ ...b, value2: text }))}
                  />
                </FieldShell>
              ) : null}
            </div>
          ) : null}
          {arity === 'list' ? (
            <div className={`ff-field ffp-field${fValues.invalid ? ' is-invalid' : ''}`}>
              <label className="ff-label" htmlFor={fValues.id}>
                Values
              </label>
              <StringList
                idPrefix={fValues.id}
                values={values}
                path="basic.values"
                label="Value"
                invalid={fValues.invalid}
                describedBy={fValues.describedBy}
                itemProblems={(index) => problemsAt(`basic.values[${index}]`)}
                update={(fn) => setBasic((b) => ({ ...b, values: fn(asList(b.values).map(asText)) }))}
              />
              <ProblemList id={fValues.errorId} problems={fValues.problems} path="basic.values" />
            </div>
          ) : null}
        </div>
      )}
    </PanelFrame>
  );
}
