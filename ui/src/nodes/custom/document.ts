// A custom node type's document, as the server writes it (GET /api/custom-node-types/.../versions/N,
// and `custom` of a palette entry): its ports, settings form and implementation. Pure helpers for
// the form: a setting's value (else its default), whether a section shows, which columns it offers.

export type ComponentKind = 'text' | 'number' | 'slider' | 'toggle' | 'select' | 'multi_select' | 'column' | 'column_actions' | 'secret';
export type ColumnTypes = 'any' | 'numeric' | 'text' | 'temporal';

export interface FormComponentDoc {
  name: string;
  kind: ComponentKind;
  label: string;
  description?: string;
  required?: boolean;
  default?: unknown;
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  options?: string[];
  input?: string;
  column_types?: ColumnTypes;
  multiple?: boolean;
}

export interface FormSectionDoc {
  title: string;
  visible_when?: { setting: string; equals: unknown };
  components: FormComponentDoc[];
}

export type ImplementationDoc =
  | { kind: 'sql'; sql: string }
  | { kind: 'python'; code: string; predict_schema?: string; requirements?: string[]; output_schemas?: Record<string, Record<string, string>> };

export interface NodeTypeDoc {
  flowfile_node: 1;
  type: string;
  title: string;
  category: string;
  icon?: string;
  description?: string;
  version?: number;
  inputs: string[];
  outputs: string[];
  form: { sections: FormSectionDoc[] };
  implementation: ImplementationDoc;
}

export const KINDS: { kind: ComponentKind; label: string }[] = [
  { kind: 'text', label: 'Text' },
  { kind: 'number', label: 'Number' },
  { kind: 'slider', label: 'Slider' },
  { kind: 'toggle', label: 'Toggle' },
  { kind: 'select', label: 'Single select' },
  { kind: 'multi_select', label: 'Multi select' },
  { kind: 'column', label: 'Column selector' },
  { kind: 'column_actions', label: 'Columns with an action' },
  { kind: 'secret', label: 'Secret reference' },
];

export const CATEGORIES = ['input', 'transform', 'combine', 'aggregate', 'output', 'script'];

/** Whether a value is a custom node type's document (a palette entry's `custom`). */
export function isNodeTypeDoc(value: unknown): value is NodeTypeDoc {
  return typeof value === 'object' && value !== null && (value as { flowfile_node?: unknown }).flowfile_node === 1;
}

export function components(doc: NodeTypeDoc): FormComponentDoc[] {
  return doc.form.sections.flatMap((section) => section.components);
}

/** The setting's value, else its default. */
export function valueOf(component: FormComponentDoc, settings: Record<string, unknown>): unknown {
  const value = settings[component.name];
  if (value !== undefined && value !== null) return value;
  // an unticked box is false, as the server takes it
  return component.default === undefined && component.kind === 'toggle' ? false : component.default;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a section shows for these settings (its condition's own section showing too). */
export function sectionVisible(doc: NodeTypeDoc, section: FormSectionDoc, settings: Record<string, unknown>): boolean {
  if (!section.visible_when) return true;
  const { setting, equals } = section.visible_when;
  const owner = doc.form.sections.find((candidate) => candidate.components.some((component) => component.name === setting));
  const condition = owner?.components.find((component) => component.name === setting);
  if (!owner || !condition || owner === section) return false;
  return sectionVisible(doc, owner, settings) && same(valueOf(condition, settings), equals);
}

/** Whether a column of DuckDB type `type` is offered (as the server decides it). */
export function acceptsType(types: ColumnTypes | undefined, type: string): boolean {
  const upper = type.toUpperCase();
  switch (types ?? 'any') {
    case 'numeric':
      return /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)$/.test(upper);
    case 'text':
      return upper === 'VARCHAR' || upper.startsWith('ENUM');
    case 'temporal':
      return upper.startsWith('DATE') || upper.startsWith('TIME') || upper === 'INTERVAL';
    default:
      return true;
  }
}

/** A new document of either kind, to start from. */
export function starter(kind: 'sql' | 'python'): NodeTypeDoc {
  return kind === 'sql'
    ? {
      flowfile_node: 1, type: 'my_sql_node', title: 'My SQL node', category: 'transform', inputs: ['main'], outputs: ['main'],
      form: { sections: [{ title: 'Settings', components: [{ name: 'column', kind: 'column', label: 'Column', input: 'main', required: true }] }] },
      implementation: { kind: 'sql', sql: 'SELECT * FROM main WHERE {{column}} IS NOT NULL' },
    }
    : {
      flowfile_node: 1, type: 'my_python_node', title: 'My Python node', category: 'script', inputs: ['main'], outputs: ['main'],
      form: { sections: [{ title: 'Settings', components: [{ name: 'limit', kind: 'number', label: 'Rows', integer: true, min: 1, default: 10 }] }] },
      implementation: { kind: 'python', code: 'frame = inputs["main"].collect()\nreturn frame.head(settings["limit"])' },
    };
}
