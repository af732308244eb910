// A text field's local draft: what the user types stays local until it is committed.
import { useCallback, useEffect, useRef, useState } from 'react';

/** Local draft committed on blur / Enter; Escape reverts; an unsaved draft is committed on unmount. */
export function useDraft(value: string, onCommit: (text: string) => void) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const latest = useRef({ draft, value, onCommit });
  latest.current = { draft, value, onCommit };
  const commit = useCallback(() => {
    const current = latest.current;
    if (current.draft !== current.value) {
      latest.current = { ...current, value: current.draft };
      current.onCommit(current.draft);
    }
  }, []);
  useEffect(() => () => commit(), [commit]);
  return { draft, setDraft, commit, revert: () => setDraft(latest.current.value) };
}
