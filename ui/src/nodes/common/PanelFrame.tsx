/**
 * What every bespoke panel shares: the settings editor (edits based on the latest settings),
 * problem assignment to fields, element ids, columns as ColumnInfo, and the generic form for the
 * settings the panel does not render itself.
 */
import { useMemo, type ReactNode } from 'react';
import type { FieldProblem } from '../../forms/paths';
import { pathToId } from '../../forms/paths';
import type { ColumnInfo } from '../../forms/sql';
import type { NodePanelProps } from '../registry';
import { GeneralProblems } from './controls';
import { assignProblems, splitByProperties } from './problems';
import { RestForm } from './RestForm';
import { propertyNames } from './schemaInfo';
import { useSettingsEditor, type SettingsEditor } from './useSettingsEditor';

export interface PanelKit {
  editor: SettingsEditor;
  /** Problems a field shows (the deepest registered field containing them). */
  problemsAt: (path: string) => FieldProblem[];
  /** Element id for a settings path. */
  idFor: (path: string) => string;
  /** Input columns of a port, as name/type. */
  columnsOf: (port: string) => ColumnInfo[];
  /** Id, problems and aria bits of the field at a path. */
  field: (path: string) => FieldInfo;
  schema: unknown;
}

export interface FieldInfo {
  id: string;
  problems: FieldProblem[];
  invalid: boolean;
  errorId: string;
  /** The error list's id when there are problems. */
  describedBy: string | undefined;
}

export function toColumnInfo(columns: readonly { name?: string; type?: string }[]): ColumnInfo[] {
  return columns.filter((column) => typeof column.name === 'string').map((column) => ({ name: column.name!, type: column.type ?? '' }));
}

/**
 * The panel kit for a node. `fields` lists the settings paths the panel shows problems at
 * (`''` is not needed: unassigned problems are shown at the top); `handled` the top-level
 * properties the panel renders (the others go to the generic form).
 */
export function usePanelKit(props: NodePanelProps, fields: readonly string[], handled: readonly string[]) {
  const editor = useSettingsEditor(props.settings, props.onChange);
  const schema = props.nodeType.settingsSchema as unknown;
  const rest = useMemo(() => propertyNames(schema).filter((name) => !handled.includes(name)), [schema, handled]);
  const { inside, outside } = splitByProperties(props.problems, rest);
  const assignment = assignProblems(outside, fields);
  const problemsAt = (path: string) => assignment.byField.get(path) ?? [];
  const idFor = (path: string) => `ffp-${props.nodeId}-${pathToId(path)}`;
  const kit: PanelKit = {
    editor,
    problemsAt,
    idFor,
    field: (path) => {
      const problems = problemsAt(path);
      const id = idFor(path);
      return { id, problems, invalid: problems.length > 0, errorId: `${id}-error`, describedBy: problems.length > 0 ? `${id}-error` : undefined };
    },
    columnsOf: (port) => {
      try {
        return toColumnInfo(props.columns(port) ?? []);
      } catch {
        return [];
      }
    },
    schema,
  };
  return { kit, unassigned: assignment.unassigned, restProblems: inside, rest };
}

/** The panel's outer frame: general problems on top, the panel's fields, then the rest form. */
export function PanelFrame(props: {
  type: string;
  panel: NodePanelProps;
  kit: PanelKit;
  unassigned: FieldProblem[];
  restProblems: FieldProblem[];
  handled: readonly string[];
  rest: readonly string[];
  children: ReactNode;
  /** Shown after every setting (e.g. a preview). */
  footer?: ReactNode;
}) {
  const { panel, kit } = props;
  return (
    <div className="ff-form ffp-panel" data-panel={props.type}>
      <GeneralProblems problems={props.unassigned} />
      {props.children}
      <RestForm
        schema={kit.schema}
        handled={props.handled}
        settings={panel.settings}
        onChange={(next) =>
          kit.editor.update((base) => {
            // Only the rest properties come from the generic form; the panel's own are the latest.
            const out = { ...base };
            for (const name of props.rest) {
              if (Object.prototype.hasOwnProperty.call(next, name)) out[name] = next[name];
              else delete out[name];
            }
            return out;
          })
        }
        columns={kit.columnsOf}
        problems={props.restProblems}
        idPrefix={`ffp-${panel.nodeId}-rest`}
      />
      {props.footer}
    </div>
  );
}
