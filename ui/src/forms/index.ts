/**
 * Settings forms rendered from JSON Schemas. Importing any component also imports forms.css.
 */
export { SchemaForm, type FormContext, type SchemaFormProps } from './SchemaForm';
export { ColumnPicker, ColumnCombobox, TypeBadge, type ColumnPickerProps, type ColumnComboboxProps } from './ColumnPicker';
export { MultiColumnPicker, type MultiColumnPickerProps } from './MultiColumnPicker';
export { SqlEditor } from './LazySqlEditor';
export type { SqlEditorProps } from './SqlEditor';
export { getIn, setIn, humanize, fieldLabel, problemsFor, parsePath, formatPath, type FieldProblem, type PathSegment } from './paths';
export { classify, type JsonSchema } from './schema';
export { quoteIdentifier, type ColumnInfo } from './sql';
