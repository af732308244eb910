/**
 * The join node: how, the key pairs (a left column = a right column per row) and what happens
 * to column names found on both sides. Settings:
 * `{how, keys: [{left, right}], clash?, left_suffix?, right_suffix?}`.
 */
import { Equal } from 'lucide-react';
import { ColumnPicker } from '../../forms/ColumnPicker';
import type { NodePanelProps } from '../registry';
import { FieldShell, optionsOf, ProblemList, SelectInput, TextInput } from '../common/controls';
import { PanelFrame, usePanelKit } from '../common/PanelFrame';
import { asList, asRecord, asText } from '../common/reorder';
import { RowList } from '../common/RowList';
import { defaultAt, descriptionAt, enumOptions } from '../common/schemaInfo';
import { suggestKeyPair } from './keys';

const HANDLED = ['how', 'keys', 'clash', 'left_suffix', 'right_suffix'];
const HOW_LABELS: Record<string, string> = {
  inner: 'Inner — rows with a match',
  left: 'Left — all left rows',
  right: 'Right — all right rows',
  full: 'Full — all rows of both',
  semi: 'Semi — left rows with a match',
  anti: 'Anti — left rows without a match',
  cross: 'Cross — every pair of rows',
};
const CLASH_LABELS: Record<string, string> = { suffix: 'Add suffixes', fail: 'Refuse the join' };

type Key = Record<string, unknown>;

export function JoinPanel(props: NodePanelProps) {
  const keys = asList(props.settings.keys).map(asRecord);
  const fields = ['how', 'keys', 'clash', 'left_suffix', 'right_suffix', ...keys.flatMap((_, i) => [`keys[${i}]`, `keys[${i}].left`, `keys[${i}].right`])];
  const { kit, unassigned, restProblems, rest } = usePanelKit(props, fields, HANDLED);
  const { editor, problemsAt, schema, field } = kit;
  const hows = enumOptions(schema, ['how'], ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross']);
  const how = asText(props.settings.how).toLowerCase() || asText(defaultAt(schema, ['how'])) || 'inner';
  const clashes = enumOptions(schema, ['clash'], ['suffix', 'fail']);
  const clash = asText(props.settings.clash).toLowerCase() || asText(defaultAt(schema, ['clash'])) || 'suffix';
  const left = kit.columnsOf('left');
  const right = kit.columnsOf('right');
  const cross = how === 'cross';
  const fHow = field('how');
  const fKeys = field('keys');
  const fClash = field('clash');
  const fLeftSuffix = field('left_suffix');
  const fRightSuffix = field('right_suffix');
  const updateKeys = (fn: (keys: Key[]) => Key[]) => editor.update((s) => ({ ...s, keys: fn(asList(s.keys).map(asRecord)) }));

  return (
    <PanelFrame type="join" panel={props} kit={kit} unassigned={unassigned} restProblems={restProblems} handled={HANDLED} rest={rest}>
      <FieldShell label="Join type" htmlFor={fHow.id} errorId={fHow.errorId} problems={fHow.problems}>
        <SelectInput
          id={fHow.id}
          ariaLabel="How"
          dataField="how"
          value={how}
          options={optionsOf(hows, HOW_LABELS)}
          invalid={fHow.invalid}
          describedBy={fHow.describedBy}
          onCommit={(next) =>
            editor.update((s) => {
              const out: Record<string, unknown> = { ...s, how: next };
              // A cross join takes no keys (the server refuses them).
              if (next === 'cross') out.keys = [];
              return out;
            })
          }
        />
      </FieldShell>
      <div className={`ff-field ffp-field${fKeys.invalid ? ' is-invalid' : ''}`}>
        <div className="ffp-section-head">
          <span className="ff-label" id={fKeys.id}>
            Keys
          </span>
          {!cross ? <span className="ffp-count">a left column = a right column</span> : null}
        </div>
        <ProblemList id={fKeys.errorId} problems={fKeys.problems} path="keys" />
        {cross && keys.length === 0 ? (
          <p className="ffp-empty">A cross join pairs every left row with every right row: it has no keys.</p>
        ) : (
          <RowList<Key>
            items={keys}
            path="keys"
            itemName="key"
            update={updateKeys}
            canAdd={!cross}
            newItem={() => suggestKeyPair(left, right, asList(editor.get().keys).map(asRecord))}
            emptyText="No keys yet: add the columns whose values must be equal."
            rowProblems={(index) => problemsAt(`keys[${index}]`)}
            renderRow={(key, index) => {
              const fLeft = field(`keys[${index}].left`);
              const fRight = field(`keys[${index}].right`);
              return (
                <div className="ffp-key">
                  <div className="ffp-key-side">
                    <span className="ffp-key-tag" aria-hidden="true">
                      Left
                    </span>
                    <div className="ffp-grow">
                      <ColumnPicker
                        id={fLeft.id}
                        value={asText(key.left)}
                        onChange={(next) => updateKeys((list) => list.map((k, at) => (at === index ? { ...k, left: next ?? '' } : k)))}
                        columns={left}
                        port="left"
                        ariaLabel={`Left column (row ${index + 1})`}
                        dataField={`keys[${index}].left`}
                        invalid={fLeft.invalid}
                        required
                        describedBy={fLeft.describedBy}
                      />
                      <ProblemList id={fLeft.errorId} problems={fLeft.problems} />
                    </div>
                  </div>
                  <div className="ffp-key-side">
                    <span className="ffp-key-tag" aria-hidden="true">
                      <Equal size={12} /> Right
                    </span>
                    <div className="ffp-grow">
                      <ColumnPicker
                        id={fRight.id}
                        value={asText(key.right)}
                        onChange={(next) => updateKeys((list) => list.map((k, at) => (at === index ? { ...k, right: next ?? '' } : k)))}
                        columns={right}
                        port="right"
                        ariaLabel={`Right column (row ${index + 1})`}
                        dataField={`keys[${index}].right`}
                        invalid={fRight.invalid}
                        required
                        describedBy={fRight.describedBy}
                      />
                      <ProblemList id={fRight.errorId} problems={fRight.problems} />
                    </div>
                  </div>
                </div>
              );
            }}
          />
        )}
      </div>
      <FieldShell label="Columns on both sides" htmlFor={fClash.id} errorId={fClash.errorId} problems={fClash.problems} help={descriptionAt(schema, ['clash'])}>
        <SelectInput
          id={fClash.id}
          ariaLabel="Clash"
          dataField="clash"
          value={clash}
          options={optionsOf(clashes, CLASH_LABELS)}
          invalid={fClash.invalid}
          describedBy={fClash.describedBy}
          onCommit={(next) => editor.set('clash', next)}
        />
      </FieldShell>
      {clash === 'suffix' ? (
        <div className="ffp-pair">
          <FieldShell label="Left suffix" htmlFor={fLeftSuffix.id} errorId={fLeftSuffix.errorId} problems={fLeftSuffix.problems}>
            <TextInput
              id={fLeftSuffix.id}
              ariaLabel="Left suffix"
              dataField="left_suffix"
              mono
              value={asText(props.settings.left_suffix)}
              placeholder="(none)"
              invalid={fLeftSuffix.invalid}
              describedBy={fLeftSuffix.describedBy}
              onCommit={(text) => editor.set('left_suffix', text === '' && props.settings.left_suffix === undefined ? undefined : text)}
            />
          </FieldShell>
          <FieldShell label="Right suffix" htmlFor={fRightSuffix.id} errorId={fRightSuffix.errorId} problems={fRightSuffix.problems}>
            <TextInput
              id={fRightSuffix.id}
              ariaLabel="Right suffix"
              dataField="right_suffix"
              mono
              value={asText(props.settings.right_suffix)}
              placeholder="_right"
              invalid={fRightSuffix.invalid}
              describedBy={fRightSuffix.describedBy}
              onCommit={(text) => editor.set('right_suffix', text === '' ? undefined : text)}
            />
          </FieldShell>
        </div>
      ) : null}
    </PanelFrame>
  );
}
