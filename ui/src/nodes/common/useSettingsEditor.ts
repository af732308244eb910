import { useCallback, useRef } from 'react';
import { setIn, type PathSegment } from '../../forms/paths';

export interface SettingsEditor {
  /** The latest settings: the prop, or what the panel last sent when the parent has not re-rendered yet. */
  get: () => Record<string, unknown>;
  /** Sets the value at a path (undefined removes an optional property); one edit. */
  set: (path: string | readonly PathSegment[], value: unknown) => void;
  /** Replaces the settings with what `fn` makes of the latest ones; one edit (none when unchanged). */
  update: (fn: (settings: Record<string, unknown>) => Record<string, unknown>) => void;
}

/**
 * Edits of a panel's settings, each based on the latest settings, so two quick commits (a text
 * field's blur followed by a click elsewhere) do not lose the first before the server answers.
 */
export function useSettingsEditor(settings: Record<string, unknown>, onChange: (settings: Record<string, unknown>) => void): SettingsEditor {
  const latest = useRef(settings);
  const seen = useRef(settings);
  if (seen.current !== settings) {
    seen.current = settings;
    latest.current = settings;
  }
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const update = useCallback((fn: (settings: Record<string, unknown>) => Record<string, unknown>) => {
    const base = latest.current;
    const next = fn(base);
    if (next === base || JSON.stringify(next) === JSON.stringify(base)) return;
    latest.current = next;
    onChangeRef.current(next);
  }, []);
  const set = useCallback((path: string | readonly PathSegment[], value: unknown) => update((base) => setIn(base, path, value)), [update]);
  const get = useCallback(() => latest.current, []);
  return { get, set, update };
}
