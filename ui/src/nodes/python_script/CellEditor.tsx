/**
 * One cell's code: CodeMirror 6 with Python, completions and hover help from the node's kernel
 * (POST .../complete and .../inspect), Shift+Enter runs the cell, Ctrl/Cmd+Enter runs it and moves
 * to the next one.
 */
import { useMemo, useRef } from 'react';
import CodeMirror, { EditorView, hoverTooltip, keymap, Prec, type Extension } from '@uiw/react-codemirror';
import { python } from '@codemirror/lang-python';
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { api, call } from '../../api/client';
import { parseAnsi, segmentProps } from './ansi';

export interface KernelHelp {
  draftId: string;
  nodeId: string;
  /** Whether the kernel runs (completions and help need it). */
  ready: () => boolean;
}

async function complete(help: KernelHelp, context: CompletionContext): Promise<CompletionResult | null> {
  const word = context.matchBefore(/[\w.]*/);
  if (!context.explicit && (!word || word.from === word.to)) return null;
  if (!help.ready()) return null;
  const code = context.state.doc.toString();
  try {
    const answer = await call(api.POST('/api/drafts/{id}/nodes/{node}/complete', {
      params: { path: { id: help.draftId, node: help.nodeId } },
      body: { code, cursor: context.pos },
    }));
    if (context.aborted || !answer.matches || answer.matches.length === 0) return null;
    return {
      from: answer.cursorStart ?? context.pos,
      to: answer.cursorEnd ?? context.pos,
      options: answer.matches.slice(0, 300).map((label) => ({ label, type: /^[A-Z]/.test(label) ? 'class' : 'variable' })),
      validFor: /^[\w]*$/,
    };
  } catch {
    return null;
  }
}

function ansiDom(text: string): HTMLElement {
  const pre = document.createElement('pre');
  pre.className = 'pyn-inspect';
  for (const segment of parseAnsi(text)) {
    const { className, style } = segmentProps(segment.style);
    if (!className && !style) {
      pre.appendChild(document.createTextNode(segment.text));
    } else {
      const span = document.createElement('span');
      if (className) span.className = className;
      if (style) Object.assign(span.style, style);
      span.textContent = segment.text;
      pre.appendChild(span);
    }
  }
  return pre;
}

function inspectHover(help: KernelHelp): Extension {
  return hoverTooltip(async (view, pos) => {
    if (!help.ready()) return null;
    const word = view.state.wordAt(pos);
    if (!word) return null;
    const code = view.state.doc.toString();
    try {
      const answer = await call(api.POST('/api/drafts/{id}/nodes/{node}/inspect', {
        params: { path: { id: help.draftId, node: help.nodeId } },
        body: { code, cursor: word.to },
      }));
      const text = answer.found ? (answer.data?.['text/plain'] as string | undefined) : undefined;
      if (!text) return null;
      return {
        pos: word.from,
        end: word.to,
        above: true,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'pyn-inspect-tooltip';
          dom.appendChild(ansiDom(text.length > 6000 ? text.slice(0, 6000) + '\n…' : text));
          return { dom };
        },
      };
    } catch {
      return null;
    }
  }, { hoverTime: 450 });
}

export function CellEditor(props: {
  value: string;
  onChange: (code: string) => void;
  onBlur: () => void;
  onRun: () => void;
  onRunAdvance: () => void;
  help: KernelHelp;
  ariaLabel: string;
  autoFocus?: boolean;
  editorRef?: (view: EditorView | undefined) => void;
}) {
  const handlers = useRef(props);
  handlers.current = props;
  const extensions = useMemo<Extension[]>(() => [
    python(),
    Prec.highest(keymap.of([
      { key: 'Shift-Enter', run: () => { handlers.current.onRun(); return true; } },
      { key: 'Mod-Enter', run: () => { handlers.current.onRunAdvance(); return true; } },
    ])),
    autocompletion({ override: [(context) => complete(handlers.current.help, context)], activateOnTyping: true }),
    inspectHover({ draftId: props.help.draftId, nodeId: props.help.nodeId, ready: () => handlers.current.help.ready() }),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': props.ariaLabel }),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [props.ariaLabel, props.help.draftId, props.help.nodeId]);
  return (
    <CodeMirror
      className="pyn-editor"
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      extensions={extensions}
      autoFocus={props.autoFocus}
      theme="none"
      basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: false, highlightActiveLineGutter: false, autocompletion: false }}
      onCreateEditor={(view) => props.editorRef?.(view)}
    />
  );
}
