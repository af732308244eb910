/**
 * The group-by node: the grouping columns and the aggregations, one row each (column, function,
 * output name, separator for concat). Settings:
 * `{group_by: [names], aggregations: [{column, function, alias?, separator?}]}`.
 */
import { ColumnPicker } from '../../forms/ColumnPicker';
import { MultiColumnPicker } from '../../forms/MultiColumnPicker';
import { parsePath } from '../../forms/paths';
import type { NodePanelProps } from '../registry';
import { FieldShell, optionsOf, ProblemList, SelectInput, TextInput } from '../common/controls';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { asList, asRecord, asText, withProp } from '../common/reorder';
import { RowList } from '../common/RowList';
import { descriptionAt, enumOptions } from '../common/schemaInfo';
import { changeAggregation, defaultAlias, suggestAggregation } from './aggregations';

const HANDLED = ['group_by', 'aggregations'];
const FUNCTIONS = ['sum', 'min', 'max', 'mean', 'median', 'count', 'count_distinct', 'first', 'last', 'std', 'var', 'concat'];
const FUNCTION_LABELS: Record<string, string> = { count_distinct: 'count distinct', std: 'std dev', var: 'variance' };

type Aggregation = Record<string, unknown>;

export function GroupByPanel(props: NodePanelProps) {
  const groupBy = asList(props.settings.group_by).map(asText);
  const aggregations = asList(props.settings.aggregations).map(asRecord);
  const fields = [
    'group_by',
    'aggregations',
    ...aggregations.flatMap((_, i) => [`aggregations[${i}]`, `aggregations[${i}].column`, `aggregations[${i}].function`, `aggregations[${i}].alias`, `aggregations[${i}].separator`]),
  ];
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, fields, HANDLED);
  const { editor, problemsAt, schema, field } = kit;
  const functions = enumOptions(schema, ['aggregations', '[]', 'function'], FUNCTIONS);
  const columns = kit.columnsOf('main');
  const fGroupBy = field('group_by');
  const fAggregations = field('aggregations');
  const invalidGroupItems = new Set(fGroupBy.problems.map((p) => parsePath(p.path)[1]).filter((s): s is number => typeof s === 'number'));
  const updateAggregations = (fn: (list: Aggregation[]) => Aggregation[]) => editor.update((s) => ({ ...s, aggregations: fn(asList(s.aggregations).map(asRecord)) }));
  const changeRow = (index: number, fn: (a: Aggregation) => Aggregation) => updateAggregations((list) => list.map((a, at) => (at === index ? fn(a) : a)));

  return (
    <PanelFrame type="group_by" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <FieldShell label="Group by" htmlFor={fGroupBy.id} errorId={fGroupBy.errorId} problems={fGroupBy.problems} path="group_by" help={descriptionAt(schema, ['group_by'])}>
        <MultiColumnPicker
          id={fGroupBy.id}
          value={groupBy}
          onChange={(next) => editor.set('group_by', next)}
          columns={columns}
          port="main"
          ariaLabel="Group by"
          dataField="group_by"
          invalid={fGroupBy.problems.some((p) => p.path === 'group_by')}
          invalidItems={invalidGroupItems}
          describedBy={fGroupBy.describedBy}
        />
      </FieldShell>
      <div className={`ff-field ffp-field${fAggregations.invalid ? ' is-invalid' : ''}`}>
        <div className="ffp-section-head">
          <span className="ff-label" id={fAggregations.id}>
            Aggregations
          </span>
        </div>
        <ProblemList id={fAggregations.errorId} problems={fAggregations.problems} path="aggregations" />
        <RowList<Aggregation>
          items={aggregations}
          path="aggregations"
          itemName="aggregation"
          update={updateAggregations}
          newItem={() => suggestAggregation(columns, asList(editor.get().group_by).map(asText), asList(editor.get().aggregations).map(asRecord), functions)}
          emptyText="No aggregations: the output has one row per group."
          rowProblems={(index) => problemsAt(`aggregations[${index}]`)}
          renderRow={(aggregation, index) => {
            const n = index + 1;
            const fColumn = field(`aggregations[${index}].column`);
            const fFunction = field(`aggregations[${index}].function`);
            const fAlias = field(`aggregations[${index}].alias`);
            const fSeparator = field(`aggregations[${index}].separator`);
            const column = asText(aggregation.column);
            const fn = asText(aggregation.function).toLowerCase();
            return (
              <div className="ffp-agg">
                <div className="ffp-agg-line">
                  <div className="ffp-grow">
                    <ColumnPicker
                      id={fColumn.id}
                      value={column}
                      onChange={(next) => changeRow(index, (a) => changeAggregation(a, { column: next ?? '' }))}
                      columns={columns}
                      port="main"
                      ariaLabel={`Column (row ${n})`}
                      dataField={`aggregations[${index}].column`}
                      invalid={fColumn.invalid}
                      required
                      describedBy={fColumn.describedBy}
                    />
                  </div>
                  <SelectInput
                    id={fFunction.id}
                    className="ffp-agg-fn"
                    ariaLabel={`Function (row ${n})`}
                    dataField={`aggregations[${index}].function`}
                    value={fn || undefined}
                    options={optionsOf(functions, FUNCTION_LABELS)}
                    invalid={fFunction.invalid}
                    required
                    describedBy={fFunction.describedBy}
                    onCommit={(next) => {
                      if (next !== undefined) changeRow(index, (a) => changeAggregation(a, { function: next }));
                    }}
                  />
                </div>
                <div className="ffp-agg-line">
                  <span className="ffp-as" aria-hidden="true">
                    as
                  </span>
                  <div className="ffp-grow">
                    <TextInput
                      id={fAlias.id}
                      ariaLabel={`Alias (row ${n})`}
                      dataField={`aggregations[${index}].alias`}
                      value={asText(aggregation.alias)}
                      placeholder={column !== '' && fn !== '' ? defaultAlias(column, fn) : 'output name'}
                      invalid={fAlias.invalid}
                      describedBy={fAlias.describedBy}
                      onCommit={(text) => changeRow(index, (a) => withProp(a, 'alias', text.trim() === '' ? undefined : text))}
                    />
                  </div>
                  {fn === 'concat' ? (
                    <TextInput
                      id={fSeparator.id}
                      className="ffp-separator"
                      ariaLabel={`Separator (row ${n})`}
                      dataField={`aggregations[${index}].separator`}
                      mono
                      title="Text between the values; default a comma"
                      value={asText(aggregation.separator)}
                      placeholder=", (sep.)"
                      invalid={fSeparator.invalid}
                      describedBy={fSeparator.describedBy}
                      onCommit={(text) => changeRow(index, (a) => withProp(a, 'separator', text === '' ? undefined : text))}
                    />
                  ) : null}
                </div>
                {[fColumn, fFunction, fAlias, fSeparator].map((f) => (
                  <ProblemList key={f.id} id={f.errorId} problems={f.problems} path={`aggregations[${index}]`} />
                ))}
              </div>
            );
          }}
        />
      </div>
    </PanelFrame>
  );
}
