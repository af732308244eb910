/**
 * The settings a bespoke panel does not render itself, rendered by the generic SchemaForm from the
 * node type's schema restricted to those properties, so no setting is ever out of reach.
 */
import { useMemo } from 'react';
import { SchemaForm } from '../../forms/SchemaForm';
import type { FieldProblem } from '../../forms/paths';
import type { ColumnInfo } from '../../forms/sql';
import { restrictSchema } from './schemaInfo';

export interface RestFormProps {
  schema: unknown;
  /** Properties the panel renders itself. */
  handled: readonly string[];
  settings: Record<string, unknown>;
  onChange: (settings: Record<string, unknown>) => void;
  columns: (port: string) => ColumnInfo[];
  /** Problems inside the rest properties. */
  problems: FieldProblem[];
  idPrefix: string;
}

export function RestForm(props: RestFormProps) {
  const handledKey = props.handled.join('\u0000');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const schema = useMemo(() => restrictSchema(props.schema, props.handled), [props.schema, handledKey]);
  if (!schema) return null;
  return (
    <div className="ffp-rest" data-rest-form="">
      <SchemaForm schema={schema} value={props.settings} onChange={props.onChange} context={{ columns: props.columns, problems: props.problems, idPrefix: props.idPrefix }} />
    </div>
  );
}
