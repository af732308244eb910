import { createElement, lazy, Suspense } from 'react';
import type { NodePanelDefinition, NodePanelProps } from '../registry';

// The notebook (CodeMirror with Python) loads when a Python Script node is first selected, not
// with the designer.
const Notebook = lazy(() => import('./Panel').then((module) => ({ default: module.PythonScriptPanel })));

function PythonScriptPanelLoader(props: NodePanelProps) {
  return createElement(Suspense, { fallback: createElement('p', { className: 'muted' }, 'Loading the notebook…') },
    createElement(Notebook, props));
}

export const pythonScriptPanel: NodePanelDefinition = { type: 'python_script', Panel: PythonScriptPanelLoader };
