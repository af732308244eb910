/**
 * The read_csv node: the file and its CSV options, with the file's first rows below, refreshed
 * whenever the settings change (the server has the new settings by then). Settings:
 * `{path, delimiter?, header?, quote?, encoding?, skip_rows?, columns?, sample_rows?, ignore_errors?}`;
 * `columns` (declared names and types) is rendered by the generic form.
 */
import { useEffect, useRef, useState } from 'react';
import { LoaderCircle, RefreshCw } from 'lucide-react';
import { TypeBadge } from '../../forms/ColumnPicker';
import type { PreviewDto } from '../../api/types';
import type { NodePanelProps } from '../registry';
import { Checkbox, FieldShell, IntegerInput, PresetInput, SelectInput, TextInput } from '../common/controls';
import { cellText } from '../common/duckdb';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { fetchPreview } from '../common/preview';
import { asText } from '../common/reorder';
import { defaultAt, descriptionAt, enumOptions } from '../common/schemaInfo';

const HANDLED = ['path', 'delimiter', 'header', 'quote', 'encoding', 'skip_rows', 'sample_rows', 'ignore_errors'];
const DELIMITERS = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];
const ENCODING_LABELS: Record<string, string> = { utf8: 'UTF-8', utf16: 'UTF-16', latin1: 'Latin-1' };
const PREVIEW_ROWS = 10;
const DEBOUNCE_MS = 350;

export function ReadCsvPanel(props: NodePanelProps) {
  const settings = props.settings;
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, HANDLED, HANDLED);
  const { editor, schema, field } = kit;
  const encodings = enumOptions(schema, ['encoding'], ['utf8', 'utf16', 'latin1']);
  const header = typeof settings.header === 'boolean' ? settings.header : defaultAt(schema, ['header']) !== false;
  const f = {
    path: field('path'),
    delimiter: field('delimiter'),
    header: field('header'),
    quote: field('quote'),
    encoding: field('encoding'),
    skipRows: field('skip_rows'),
    sampleRows: field('sample_rows'),
    ignoreErrors: field('ignore_errors'),
  };
  const delimiter = asText(settings.delimiter);

  return (
    <PanelFrame
      type="read_csv"
      panel={props}
      kit={kit}
      unassigned={unassigned}
      restProblems={restProblems}
      handled={HANDLED}
      rest={rest}
      footer={<CsvPreview draftId={props.draft.id} nodeId={props.nodeId} settings={settings} hasPath={asText(settings.path).trim() !== ''} />}
    >
      <FieldShell label="Path" htmlFor={f.path.id} errorId={f.path.errorId} problems={f.path.problems} help={descriptionAt(schema, ['path'])}>
        <TextInput
          id={f.path.id}
          ariaLabel="Path"
          dataField="path"
          mono
          value={asText(settings.path)}
          placeholder="data/orders.csv"
          invalid={f.path.invalid}
          required
          describedBy={f.path.describedBy}
          onCommit={(text) => editor.set('path', text.trim())}
        />
      </FieldShell>
      <div className="ffp-pair">
        <FieldShell label="Delimiter" htmlFor={f.delimiter.id} errorId={f.delimiter.errorId} problems={f.delimiter.problems}>
          <PresetInput
            id={f.delimiter.id}
            ariaLabel="Delimiter"
            dataField="delimiter"
            value={delimiter === '' || delimiter === ',' ? undefined : delimiter}
            presets={DELIMITERS.filter((d) => d.value !== ',')}
            emptyLabel="Comma , (default)"
            mono
            placeholder="one character"
            invalid={f.delimiter.invalid}
            describedBy={f.delimiter.describedBy}
            onCommit={(next) => editor.set('delimiter', next === ',' ? undefined : next)}
          />
        </FieldShell>
        <FieldShell label="Quote" htmlFor={f.quote.id} errorId={f.quote.errorId} problems={f.quote.problems}>
          <TextInput
            id={f.quote.id}
            ariaLabel="Quote"
            dataField="quote"
            mono
            maxLength={1}
            value={asText(settings.quote)}
            placeholder={'" (default)'}
            invalid={f.quote.invalid}
            describedBy={f.quote.describedBy}
            onCommit={(text) => editor.set('quote', text === '' ? undefined : text)}
          />
        </FieldShell>
      </div>
      <div className="ffp-pair">
        <FieldShell label="Encoding" htmlFor={f.encoding.id} errorId={f.encoding.errorId} problems={f.encoding.problems}>
          <SelectInput
            id={f.encoding.id}
            ariaLabel="Encoding"
            dataField="encoding"
            value={asText(settings.encoding).toLowerCase() || undefined}
            options={encodings.map((value) => ({ value, label: ENCODING_LABELS[value] ?? value }))}
            emptyLabel={`Default (${ENCODING_LABELS[asText(defaultAt(schema, ['encoding'])) || 'utf8'] ?? 'UTF-8'})`}
            invalid={f.encoding.invalid}
            describedBy={f.encoding.describedBy}
            onCommit={(next) => editor.set('encoding', next)}
          />
        </FieldShell>
        <FieldShell label="Skip rows" htmlFor={f.skipRows.id} errorId={f.skipRows.errorId} problems={f.skipRows.problems}>
          <IntegerInput
            id={f.skipRows.id}
            ariaLabel="Skip rows"
            dataField="skip_rows"
            value={settings.skip_rows}
            minimum={0}
            placeholder="0"
            invalid={f.skipRows.invalid}
            describedBy={f.skipRows.describedBy}
            onCommit={(next) => editor.set('skip_rows', next)}
          />
        </FieldShell>
      </div>
      <FieldShell label="First line holds the column names" htmlFor={f.header.id} inline errorId={f.header.errorId} problems={f.header.problems}>
        <Checkbox
          id={f.header.id}
          dataField="header"
          checked={header}
          isDefault={settings.header === undefined}
          invalid={f.header.invalid}
          describedBy={f.header.describedBy}
          onCommit={(checked) => editor.set('header', checked)}
        />
      </FieldShell>
      <details className="ffp-more" open={settings.sample_rows !== undefined || settings.ignore_errors === true || f.sampleRows.invalid || f.ignoreErrors.invalid}>
        <summary>Type inference and errors</summary>
        <FieldShell label="Sample rows" htmlFor={f.sampleRows.id} errorId={f.sampleRows.errorId} problems={f.sampleRows.problems} help={descriptionAt(schema, ['sample_rows'])}>
          <IntegerInput
            id={f.sampleRows.id}
            ariaLabel="Sample rows"
            dataField="sample_rows"
            value={settings.sample_rows}
            minimum={1}
            placeholder="every row"
            invalid={f.sampleRows.invalid}
            describedBy={f.sampleRows.describedBy}
            onCommit={(next) => editor.set('sample_rows', next)}
          />
        </FieldShell>
        <FieldShell label="Skip malformed rows" htmlFor={f.ignoreErrors.id} inline errorId={f.ignoreErrors.errorId} problems={f.ignoreErrors.problems} help={descriptionAt(schema, ['ignore_errors'])}>
          <Checkbox
            id={f.ignoreErrors.id}
            dataField="ignore_errors"
            checked={settings.ignore_errors === true}
            isDefault={settings.ignore_errors === undefined}
            invalid={f.ignoreErrors.invalid}
            describedBy={f.ignoreErrors.describedBy}
            onCommit={(checked) => editor.set('ignore_errors', checked ? true : undefined)}
          />
        </FieldShell>
      </details>
    </PanelFrame>
  );
}

type PreviewState = { status: 'idle' } | { status: 'loading'; data?: PreviewDto } | { status: 'done'; data: PreviewDto } | { status: 'error'; message: string };

/** The file's first rows as the node reads them with the current settings. */
export function CsvPreview(props: { draftId: string | undefined; nodeId: string; settings: Record<string, unknown>; hasPath: boolean }) {
  const { draftId, nodeId, hasPath } = props;
  const settingsKey = JSON.stringify(props.settings);
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const [refresh, setRefresh] = useState(0);
  const sequence = useRef(0);

  useEffect(() => {
    if (!draftId || !hasPath) {
      setState({ status: 'idle' });
      return;
    }
    const mine = ++sequence.current;
    setState((previous) => ({ status: 'loading', data: previous.status === 'done' ? previous.data : previous.status === 'loading' ? previous.data : undefined }));
    const timer = window.setTimeout(() => {
      fetchPreview(draftId, nodeId, 'main', PREVIEW_ROWS)
        .then((data) => {
          if (sequence.current === mine) setState({ status: 'done', data });
        })
        .catch((failure: unknown) => {
          if (sequence.current === mine) setState({ status: 'error', message: failure instanceof Error ? failure.message : String(failure) });
        });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draftId, nodeId, hasPath, settingsKey, refresh]);

  const data = state.status === 'done' ? state.data : state.status === 'loading' ? state.data : undefined;
  const columns = data?.columns ?? [];
  const rows = data?.rows ?? [];

  return (
    <section className="ffp-preview" aria-label="File preview" aria-busy={state.status === 'loading'}>
      <div className="ffp-section-head">
        <span className="ff-label">File preview</span>
        {state.status === 'loading' ? <LoaderCircle size={13} className="ffp-spin" aria-label="Loading" /> : null}
        {data ? (
          <span className="ffp-count">
            {rows.length} row{rows.length === 1 ? '' : 's'}
            {data.truncated ? ', more in the file' : ''} · {columns.length} column{columns.length === 1 ? '' : 's'}
          </span>
        ) : null}
        <span className="ffp-spacer" />
        <button type="button" className="ff-icon-button" aria-label="Refresh the preview" title="Refresh" disabled={!draftId || !hasPath} onClick={() => setRefresh((n) => n + 1)}>
          <RefreshCw size={13} aria-hidden="true" />
        </button>
      </div>
      {!hasPath ? (
        <p className="ffp-empty">Enter the file's path to see its first rows.</p>
      ) : state.status === 'error' ? (
        <div className="ffp-preview-error" role="alert">
          {state.message}
        </div>
      ) : data ? (
        <div className={`ffp-preview-scroll${state.status === 'loading' ? ' is-stale' : ''}`}>
          <table className="ffp-preview-table">
            <thead>
              <tr>
                {columns.map((column, index) => (
                  <th key={index} scope="col">
                    <span className="ffp-preview-name">{column.name}</span>
                    {column.type ? <TypeBadge type={column.type} /> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {columns.map((_, c) => {
                    const text = cellText(Array.isArray(row) ? row[c] : undefined);
                    return (
                      <td key={c} className={text === null ? 'is-null' : undefined} title={text ?? 'null'}>
                        {text ?? 'null'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="ffp-empty">The file has no rows.</p> : null}
        </div>
      ) : (
        <p className="ffp-empty">Reading the file…</p>
      )}
    </section>
  );
}
