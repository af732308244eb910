// The SQL editor loads CodeMirror on first use, so the designer's first paint does not wait for it;
// until it arrives, a box of the editor's height holds its place (no layout jump).
import { lazy, Suspense } from 'react';
import type { SqlEditorProps } from './SqlEditor';

const Editor = lazy(() => import('./SqlEditor').then((module) => ({ default: module.SqlEditor })));

export function SqlEditor(props: SqlEditorProps) {
  const lines = props.minLines ?? 1;
  return (
    <Suspense fallback={<div className="ff-sql-placeholder" style={{ minHeight: `calc(${lines} * 1.5em + 12px)` }} aria-busy="true" />}>
      <Editor {...props} />
    </Suspense>
  );
}
