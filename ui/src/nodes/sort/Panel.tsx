/**
 * The sort node: sort keys, most significant first, each a column, a direction and where nulls go.
 * Settings: `{keys: [{column, direction?, nulls?}]}`.
 */
import { ColumnPicker } from '../../forms/ColumnPicker';
import type { NodePanelProps } from '../registry';
import { optionsOf, ProblemList, SelectInput } from '../common/controls';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { asList, asRecord, asText, withProp } from '../common/reorder';
import { RowList } from '../common/RowList';
import { defaultAt, enumOptions, schemaAt } from '../common/schemaInfo';

const HANDLED = ['keys'];
const DIRECTION_LABELS: Record<string, string> = { asc: 'Ascending', desc: 'Descending' };
const NULLS_LABELS: Record<string, string> = { first: 'Nulls first', last: 'Nulls last' };

type Key = Record<string, unknown>;

export function SortPanel(props: NodePanelProps) {
  const keys = asList(props.settings.keys).map(asRecord);
  const fields = ['keys', ...keys.flatMap((_, i) => [`keys[${i}]`, `keys[${i}].column`, `keys[${i}].direction`, `keys[${i}].nulls`])];
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, fields, HANDLED);
  const { editor, problemsAt, schema, field } = kit;
  const directions = enumOptions(schema, ['keys', '[]', 'direction'], ['asc', 'desc']);
  const defaultDirection = asText(defaultAt(schema, ['keys', '[]', 'direction'])) || 'asc';
  const hasNulls = schemaAt(schema, ['keys', '[]', 'nulls']) !== undefined || schemaAt(schema, ['keys', '[]']) === undefined;
  const nulls = enumOptions(schema, ['keys', '[]', 'nulls'], ['first', 'last']);
  const defaultNulls = asText(defaultAt(schema, ['keys', '[]', 'nulls'])) || 'last';
  const columns = kit.columnsOf('main');
  const fKeys = field('keys');
  const updateKeys = (fn: (keys: Key[]) => Key[]) => editor.update((s) => ({ ...s, keys: fn(asList(s.keys).map(asRecord)) }));
  const changeRow = (index: number, fn: (key: Key) => Key) => updateKeys((list) => list.map((k, at) => (at === index ? fn(k) : k)));

  return (
    <PanelFrame type="sort" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <div className={`ff-field ffp-field${fKeys.invalid ? ' is-invalid' : ''}`}>
        <div className="ffp-section-head">
          <span className="ff-label" id={fKeys.id}>
            Sort by
          </span>
          <span className="ffp-count">most significant first</span>
        </div>
        <ProblemList id={fKeys.errorId} problems={fKeys.problems} path="keys" />
        <RowList<Key>
          items={keys}
          path="keys"
          itemName="key"
          update={updateKeys}
          newItem={() => {
            const used = new Set(asList(editor.get().keys).map((k) => asText(asRecord(k).column).toLowerCase()));
            return { column: columns.find((c) => !used.has(c.name.toLowerCase()))?.name ?? '', direction: defaultDirection };
          }}
          emptyText="No sort keys yet."
          rowProblems={(index) => problemsAt(`keys[${index}]`)}
          renderRow={(key, index) => {
            const n = index + 1;
            const fColumn = field(`keys[${index}].column`);
            const fDirection = field(`keys[${index}].direction`);
            const fNulls = field(`keys[${index}].nulls`);
            return (
              <div className="ffp-sort">
                <div className="ffp-grow ffp-sort-column">
                  <ColumnPicker
                    id={fColumn.id}
                    value={asText(key.column)}
                    onChange={(next) => changeRow(index, (k) => ({ ...k, column: next ?? '' }))}
                    columns={columns}
                    port="main"
                    ariaLabel={`Column (row ${n})`}
                    dataField={`keys[${index}].column`}
                    invalid={fColumn.invalid}
                    required
                    describedBy={fColumn.describedBy}
                  />
                </div>
                <div className="ffp-sort-options">
                  <SelectInput
                    id={fDirection.id}
                    ariaLabel={`Direction (row ${n})`}
                    dataField={`keys[${index}].direction`}
                    value={asText(key.direction).toLowerCase() || defaultDirection}
                    options={optionsOf(directions, DIRECTION_LABELS)}
                    invalid={fDirection.invalid}
                    describedBy={fDirection.describedBy}
                    onCommit={(next) => changeRow(index, (k) => withProp(k, 'direction', next))}
                  />
                  {hasNulls ? (
                    <SelectInput
                      id={fNulls.id}
                      ariaLabel={`Nulls (row ${n})`}
                      dataField={`keys[${index}].nulls`}
                      value={asText(key.nulls).toLowerCase() || defaultNulls}
                      options={optionsOf(nulls, NULLS_LABELS)}
                      invalid={fNulls.invalid}
                      describedBy={fNulls.describedBy}
                      onCommit={(next) => changeRow(index, (k) => withProp(k, 'nulls', next))}
                    />
                  ) : null}
                </div>
                {[fColumn, fDirection, fNulls].map((f) => (
                  <ProblemList key={f.id} id={f.errorId} problems={f.problems} path={`keys[${index}]`} />
                ))}
              </div>
            );
          }}
        />
      </div>
    </PanelFrame>
  );
}
