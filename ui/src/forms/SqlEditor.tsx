/**
 * An SQL expression editor: CodeMirror 6 with SQL (PostgreSQL dialect, close to DuckDB)
 * highlighting, and completion of the input's column names (quoted with double quotes when they
 * need it), their types shown beside them, plus common DuckDB keywords, functions and type names.
 *
 * Commit timing: the text is committed (onChange) on blur and on Ctrl/Cmd+Enter, and on unmount
 * when it was edited, never per keystroke. Enter inserts a line break (or accepts a completion);
 * Escape closes the completion list; Tab leaves the editor (it does not indent), so the form stays
 * keyboard navigable.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import CodeMirror, { EditorView, keymap, Prec, type Extension } from '@uiw/react-codemirror';
import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { HighlightStyle, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { matchColumns, quoteIdentifier, type ColumnInfo } from './sql';
import './forms.css';

export interface SqlEditorProps {
  value: string;
  /** Called with the edited text on blur / Ctrl+Enter / unmount, only when it differs from `value`. */
  onChange: (next: string) => void;
  columns: readonly ColumnInfo[];
  /** The accessible name of the editor, e.g. "Expression" or "Expression (row 2)". */
  ariaLabel: string;
  /** Set as `data-field` on the editable element. */
  dataField?: string;
  id?: string;
  invalid?: boolean;
  required?: boolean;
  describedBy?: string;
  placeholder?: string;
  /** Minimum visible lines (default 1); the editor grows with its content up to `maxLines`. */
  minLines?: number;
  maxLines?: number;
  /** More words to complete, inserted as they are (the Node Designer's {{setting}} placeholders and input tables). */
  words?: readonly Completion[];
}

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], class: 'ff-sql-keyword' },
  { tag: tags.string, class: 'ff-sql-string' },
  { tag: [tags.number, tags.bool, tags.null], class: 'ff-sql-number' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], class: 'ff-sql-comment' },
  // Quoted identifiers ("my column") and special variables.
  { tag: [tags.special(tags.string), tags.special(tags.name)], class: 'ff-sql-quoted' },
  { tag: [tags.typeName, tags.standard(tags.name)], class: 'ff-sql-type' },
  { tag: [tags.operator, tags.punctuation, tags.bracket], class: 'ff-sql-operator' },
]);

/** Words worth offering in an expression: DuckDB keywords, common functions and type names. */
const KEYWORDS = ('AND OR NOT IN IS NULL TRUE FALSE BETWEEN LIKE ILIKE GLOB SIMILAR TO CASE WHEN THEN ELSE END CAST TRY_CAST AS ' +
  'DISTINCT FROM EXISTS ANY ALL INTERVAL').split(' ');
const FUNCTIONS = ('abs round floor ceil greatest least coalesce nullif ifnull length lower upper trim ltrim rtrim concat concat_ws ' +
  'substring left right replace split_part starts_with ends_with contains regexp_matches regexp_replace regexp_extract ' +
  'strftime strptime date_trunc date_part date_diff date_add year month day hour minute second dayofweek now current_date ' +
  'today epoch make_date list_contains list_value len hash md5 sum avg min max count median mode first last string_agg').split(' ');
const TYPES = 'BOOLEAN TINYINT SMALLINT INTEGER BIGINT HUGEINT DOUBLE FLOAT DECIMAL VARCHAR DATE TIME TIMESTAMP TIMESTAMPTZ UUID BLOB'.split(' ');

/** Whether the cursor is inside a string literal or a comment, where nothing is completed. */
function inLiteral(context: CompletionContext): boolean {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  return node.name === 'String' || node.name === 'LineComment' || node.name === 'BlockComment';
}

function wordCompletions(context: CompletionContext): CompletionResult | null {
  if (inLiteral(context)) return null;
  const word = context.matchBefore(/[A-Za-z_][\w]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  if (word.from > 0 && /["'.]/.test(context.state.sliceDoc(word.from - 1, word.from))) return null;
  const typed = word.text.toLowerCase();
  const options: Completion[] = [];
  for (const keyword of KEYWORDS) if (keyword.toLowerCase().startsWith(typed)) options.push({ label: keyword, type: 'keyword', boost: -1 });
  for (const fn of FUNCTIONS) if (fn.startsWith(typed)) options.push({ label: fn, apply: `${fn}(`, detail: 'function', type: 'function', boost: -2 });
  for (const type of TYPES) if (type.toLowerCase().startsWith(typed)) options.push({ label: type, detail: 'type', type: 'type', boost: -3 });
  if (options.length === 0 || (options.length === 1 && options[0].label.toLowerCase() === typed)) return null;
  return { from: word.from, options, filter: false };
}

function columnCompletions(getColumns: () => readonly ColumnInfo[]) {
  return (context: CompletionContext): CompletionResult | null => {
    if (inLiteral(context)) return null;
    const word = context.matchBefore(/"(?:[^"]|"")*|[A-Za-z_][\w$]*/);
    if (!word && !context.explicit) return null;
    // Not after a dot (a struct field or qualified name): leave that to the user.
    const from = word ? word.from : context.pos;
    if (from > 0 && context.state.sliceDoc(from - 1, from) === '.') return null;
    const typed = word ? word.text : '';
    const options: Completion[] = matchColumns(getColumns(), typed.replace(/""/g, '"')).map((column, index) => ({
      label: column.name,
      apply: quoteIdentifier(column.name),
      detail: column.type,
      type: 'property',
      boost: 99 - Math.min(index, 98),
    }));
    if (options.length === 0) return null;
    return { from, options, filter: false };
  };
}

/** Completes `words` (placeholders such as {{n}}, table names): after `{{` or in a word. */
function extraCompletions(getWords: () => readonly Completion[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const words = getWords();
    if (words.length === 0 || inLiteral(context)) return null;
    const word = context.matchBefore(/\{\{?\w*|[A-Za-z_]\w*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const typed = word.text.toLowerCase();
    const options = words.filter((candidate) => candidate.label.toLowerCase().startsWith(typed)
      || candidate.label.toLowerCase().startsWith('{{' + typed.replace(/^\{+/, '')));
    return options.length === 0 ? null : { from: word.from, options: options.map((option) => ({ ...option, boost: 120 })), filter: false };
  };
}

export function SqlEditor(props: SqlEditorProps) {
  const { value, onChange, columns, ariaLabel } = props;
  const [draft, setDraft] = useState(value);
  const [seenValue, setSeenValue] = useState(value);
  const columnsRef = useRef(columns);
  const wordsRef = useRef(props.words ?? []);
  wordsRef.current = props.words ?? [];
  const latest = useRef({ draft, value, onChange });
  columnsRef.current = columns;
  latest.current = { draft, value, onChange };

  if (value !== seenValue) {
    setSeenValue(value);
    setDraft(value);
  }

  const commit = () => {
    const current = latest.current;
    if (current.draft !== current.value) current.onChange(current.draft);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;

  // An edit not yet committed when the editor goes away (e.g. the node is deselected) is kept.
  useEffect(() => () => commitRef.current(), []);

  const attributes = useMemo(() => {
    const attrs: Record<string, string> = { 'aria-label': ariaLabel };
    if (props.dataField !== undefined) attrs['data-field'] = props.dataField;
    if (props.id !== undefined) attrs.id = props.id;
    if (props.invalid) attrs['aria-invalid'] = 'true';
    if (props.required) attrs['aria-required'] = 'true';
    if (props.describedBy) attrs['aria-describedby'] = props.describedBy;
    return attrs;
  }, [ariaLabel, props.dataField, props.id, props.invalid, props.required, props.describedBy]);

  const minLines = props.minLines ?? 1;
  const maxLines = props.maxLines ?? 12;

  const extensions = useMemo<Extension[]>(
    () => [
      sql({ dialect: PostgreSQL, upperCaseKeywords: true }),
      syntaxHighlighting(highlight),
      autocompletion({
        override: [extraCompletions(() => wordsRef.current), columnCompletions(() => columnsRef.current), wordCompletions],
        activateOnTyping: true,
        icons: false,
        closeOnBlur: true,
      }),
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              commitRef.current();
              return true;
            },
          },
        ]),
      ),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of(attributes),
      EditorView.focusChangeEffect.of((_state, focusing) => {
        if (!focusing) queueMicrotask(() => commitRef.current());
        return null;
      }),
      EditorView.theme({
        '&': { minHeight: `calc(${minLines} * 1.5em + 10px)` },
        '.cm-scroller': { maxHeight: `calc(${maxLines} * 1.5em + 10px)` },
      }),
    ],
    [attributes, minLines, maxLines],
  );

  return (
    <div className={`ff-sql${props.invalid ? ' is-invalid' : ''}`}>
      <CodeMirror
        value={draft}
        onChange={(text) => setDraft(text)}
        extensions={extensions}
        theme="none"
        indentWithTab={false}
        placeholder={props.placeholder}
        basicSetup={{
          lineNumbers: false,
          foldGutter: false,
          highlightActiveLine: false,
          highlightActiveLineGutter: false,
          autocompletion: false,
          searchKeymap: false,
          foldKeymap: false,
          syntaxHighlighting: false,
          crosshairCursor: false,
          rectangularSelection: false,
          dropCursor: false,
          tabSize: 2,
        }}
      />
    </div>
  );
}
