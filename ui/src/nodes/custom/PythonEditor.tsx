/**
 * The body of a Python node type's `process(inputs, settings)`: CodeMirror with Python, completing
 * the settings' names after `settings["`, the input names after `inputs["`, and the sample inputs'
 * column names inside any other string.
 */
import { useMemo, useRef, useState } from 'react';
import CodeMirror, { EditorView, type Extension } from '@uiw/react-codemirror';
import { python } from '@codemirror/lang-python';
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';

export interface PythonWords {
  settings: readonly { name: string; detail: string }[];
  inputs: readonly string[];
  columns: readonly { name: string; type: string }[];
}

function completions(getWords: () => PythonWords) {
  return (context: CompletionContext): CompletionResult | null => {
    const quoted = context.matchBefore(/["'][\w .-]*/);
    if (!quoted) return null;
    const before = context.state.sliceDoc(Math.max(0, quoted.from - 12), quoted.from);
    const words = getWords();
    const quote = quoted.text[0];
    const typed = quoted.text.slice(1).toLowerCase();
    const options = (/settings\[\s*$/.test(before)
      ? words.settings.map((setting) => ({ label: setting.name, detail: setting.detail, type: 'property' }))
      : /inputs\[\s*$/.test(before)
        ? words.inputs.map((input) => ({ label: input, detail: 'input', type: 'variable' }))
        : words.columns.map((column) => ({ label: column.name, detail: column.type, type: 'property' })))
      .filter((option) => option.label.toLowerCase().startsWith(typed))
      .map((option) => ({ ...option, apply: quote + option.label + quote }));
    const after = context.state.sliceDoc(context.pos, context.pos + 1);
    return options.length === 0 ? null : { from: quoted.from, to: after === quote ? context.pos + 1 : context.pos, options, filter: false };
  };
}

export function PythonEditor(props: { value: string; onChange: (next: string) => void; words: PythonWords; ariaLabel: string }) {
  const [draft, setDraft] = useState(props.value);
  const [seen, setSeen] = useState(props.value);
  if (props.value !== seen) {
    setSeen(props.value);
    setDraft(props.value);
  }
  const wordsRef = useRef(props.words);
  wordsRef.current = props.words;
  const latest = useRef({ draft, props });
  latest.current = { draft, props };
  const extensions = useMemo<Extension[]>(() => [
    python(),
    autocompletion({ override: [completions(() => wordsRef.current)], activateOnTyping: true, icons: false }),
    EditorView.contentAttributes.of({ 'aria-label': props.ariaLabel, 'data-field': 'implementation.code' }),
    EditorView.focusChangeEffect.of((_state, focusing) => {
      if (!focusing) {
        queueMicrotask(() => {
          const current = latest.current;
          if (current.draft !== current.props.value) current.props.onChange(current.draft);
        });
      }
      return null;
    }),
    EditorView.theme({ '&': { minHeight: '16em' }, '.cm-scroller': { maxHeight: '40em' } }),
  ], [props.ariaLabel]);
  return (
    <div className="ndz-code">
      <CodeMirror value={draft} onChange={setDraft} extensions={extensions} indentWithTab
        basicSetup={{ lineNumbers: true, foldGutter: false, autocompletion: false, highlightActiveLine: false }} />
    </div>
  );
}
