/**
 * The pivot node: the columns kept as rows (index), the column whose values become columns, the
 * column aggregated into them and how, and the list of pivot values (loadable from the input).
 * Settings: `{index: [names], pivot_column, value_column, aggregation?, values: [texts], separator?}`.
 */
import { useState } from 'react';
import { Download, LoaderCircle } from 'lucide-react';
import { ColumnPicker } from '../../forms/ColumnPicker';
import { MultiColumnPicker } from '../../forms/MultiColumnPicker';
import { parsePath } from '../../forms/paths';
import type { NodePanelProps } from '../registry';
import { FieldShell, optionsOf, ProblemList, SelectInput, TextInput } from '../common/controls';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { distinctValues, fetchPreview, upstreamOf } from '../common/preview';
import { asList, asText } from '../common/reorder';
import { defaultAt, descriptionAt, enumOptions } from '../common/schemaInfo';
import { StringList } from '../common/StringList';

const HANDLED = ['index', 'pivot_column', 'value_column', 'aggregation', 'values', 'separator'];
const AGGREGATIONS = ['sum', 'min', 'max', 'mean', 'count', 'first', 'concat'];
const SAMPLE_ROWS = 1000;

export function PivotPanel(props: NodePanelProps) {
  const settings = props.settings;
  const index = asList(settings.index).map(asText);
  const values = asList(settings.values).map(asText);
  const fields = [...HANDLED, ...values.map((_, i) => `values[${i}]`)];
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, fields, HANDLED);
  const { editor, problemsAt, schema, field } = kit;
  const columns = kit.columnsOf('main');
  const aggregations = enumOptions(schema, ['aggregation'], AGGREGATIONS);
  const aggregation = asText(settings.aggregation).toLowerCase() || asText(defaultAt(schema, ['aggregation'])) || 'sum';
  const pivotColumn = asText(settings.pivot_column);
  const fIndex = field('index');
  const fPivot = field('pivot_column');
  const fValue = field('value_column');
  const fAggregation = field('aggregation');
  const fValues = field('values');
  const fSeparator = field('separator');
  const invalidIndexItems = new Set(fIndex.problems.map((p) => parsePath(p.path)[1]).filter((s): s is number => typeof s === 'number'));
  const [loading, setLoading] = useState(false);
  const [loadNote, setLoadNote] = useState<{ error: boolean; text: string } | null>(null);

  const loadValues = async () => {
    const source = upstreamOf(props.draft, props.nodeId, 'main');
    if (!props.draft.id || !source) {
      setLoadNote({ error: true, text: 'Connect an input first.' });
      return;
    }
    setLoading(true);
    setLoadNote(null);
    try {
      const preview = await fetchPreview(props.draft.id, source.node, source.port, SAMPLE_ROWS);
      const found = distinctValues(preview, pivotColumn);
      const rows = preview.rows?.length ?? 0;
      if (found.length === 0) {
        setLoadNote({ error: true, text: `No values of “${pivotColumn}” in the input's first ${rows} rows.` });
      } else {
        editor.update((s) => {
          const current = asList(s.values).map(asText);
          const have = new Set(current.map((v) => v.toLowerCase()));
          const added = found.filter((v) => !have.has(v.toLowerCase()));
          return { ...s, values: [...current, ...added] };
        });
        setLoadNote({ error: false, text: `${found.length} distinct value${found.length === 1 ? '' : 's'} in the input's first ${rows} rows${preview.truncated ? ' (more rows not read)' : ''}.` });
      }
    } catch (failure) {
      setLoadNote({ error: true, text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setLoading(false);
    }
  };

  return (
    <PanelFrame type="pivot" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <FieldShell label="Index (rows)" htmlFor={fIndex.id} errorId={fIndex.errorId} problems={fIndex.problems} path="index" help={descriptionAt(schema, ['index'])}>
        <MultiColumnPicker
          id={fIndex.id}
          value={index}
          onChange={(next) => editor.set('index', next)}
          columns={columns}
          port="main"
          ariaLabel="Index"
          dataField="index"
          invalid={fIndex.problems.some((p) => p.path === 'index')}
          invalidItems={invalidIndexItems}
          describedBy={fIndex.describedBy}
        />
      </FieldShell>
      <FieldShell label="Pivot column" htmlFor={fPivot.id} errorId={fPivot.errorId} problems={fPivot.problems} help="Its values become the new columns.">
        <ColumnPicker
          id={fPivot.id}
          value={pivotColumn}
          onChange={(next) => editor.set('pivot_column', next ?? '')}
          columns={columns}
          port="main"
          ariaLabel="Pivot column"
          dataField="pivot_column"
          invalid={fPivot.invalid}
          required
          describedBy={fPivot.describedBy}
        />
      </FieldShell>
      <div className="ffp-pair">
        <FieldShell label="Value column" htmlFor={fValue.id} errorId={fValue.errorId} problems={fValue.problems}>
          <ColumnPicker
            id={fValue.id}
            value={asText(settings.value_column)}
            onChange={(next) => editor.set('value_column', next ?? '')}
            columns={columns}
            port="main"
            ariaLabel="Value column"
            dataField="value_column"
            invalid={fValue.invalid}
            required
            describedBy={fValue.describedBy}
          />
        </FieldShell>
        <FieldShell label="Aggregation" htmlFor={fAggregation.id} errorId={fAggregation.errorId} problems={fAggregation.problems}>
          <SelectInput
            id={fAggregation.id}
            ariaLabel="Aggregation"
            dataField="aggregation"
            value={aggregation}
            options={optionsOf(aggregations)}
            invalid={fAggregation.invalid}
            describedBy={fAggregation.describedBy}
            onCommit={(next) =>
              editor.update((s) => {
                const out: Record<string, unknown> = { ...s, aggregation: next };
                if (next !== 'concat') delete out.separator;
                return out;
              })
            }
          />
        </FieldShell>
      </div>
      {aggregation === 'concat' ? (
        <FieldShell label="Separator" htmlFor={fSeparator.id} errorId={fSeparator.errorId} problems={fSeparator.problems}>
          <TextInput
            id={fSeparator.id}
            ariaLabel="Separator"
            dataField="separator"
            mono
            value={asText(settings.separator)}
            placeholder=","
            invalid={fSeparator.invalid}
            describedBy={fSeparator.describedBy}
            onCommit={(text) => editor.set('separator', text === '' ? undefined : text)}
          />
        </FieldShell>
      ) : null}
      <div className={`ff-field ffp-field${fValues.invalid ? ' is-invalid' : ''}`}>
        <div className="ffp-section-head">
          <label className="ff-label" htmlFor={fValues.id}>
            Pivot values
          </label>
          <span className="ffp-count">{values.length > 0 ? `${values.length} → columns` : ''}</span>
          <span className="ffp-spacer" />
          <button type="button" className="ff-button ff-button-quiet ffp-small" disabled={loading || pivotColumn === ''} onClick={() => void loadValues()} title={`Add the distinct values of the pivot column found in the input's first ${SAMPLE_ROWS} rows`}>
            {loading ? <LoaderCircle size={13} className="ffp-spin" aria-hidden="true" /> : <Download size={13} aria-hidden="true" />} Load from input
          </button>
        </div>
        <StringList
          idPrefix={fValues.id}
          values={values}
          path="values"
          label="Value"
          invalid={fValues.invalid}
          describedBy={fValues.describedBy}
          placeholder="Add a value (e.g. 2024), Enter"
          itemProblems={(i) => problemsAt(`values[${i}]`)}
          update={(fn) => editor.update((s) => ({ ...s, values: fn(asList(s.values).map(asText)) }))}
        />
        {loadNote ? <div className={loadNote.error ? 'ff-problems' : 'ff-field-note'} role="status">{loadNote.text}</div> : null}
        <ProblemList id={fValues.errorId} problems={fValues.problems} path="values" />
        <div className="ff-help ffp-help">The values that become columns, in this order; values not listed are left out.</div>
      </div>
    </PanelFrame>
  );
}
