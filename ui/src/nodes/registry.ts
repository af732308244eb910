// Node types with a panel of their own. Every other type — and every custom type — gets the
// settings form rendered from its JSON Schema (forms/SchemaForm).
import type { ComponentType } from 'react';
import type { ColumnDto, DraftView, NodeTypeDto } from '../api/types';
import type { FieldProblem } from '../forms/SchemaForm';
import { filterPanel } from './filter/definition';
import { formulaPanel } from './formula/definition';
import { groupByPanel } from './group_by/definition';
import { joinPanel } from './join/definition';
import { pivotPanel } from './pivot/definition';
import { pythonScriptPanel } from './python_script/definition';
import { readCsvPanel } from './read_csv/definition';
import { selectPanel } from './select/definition';
import { sortPanel } from './sort/definition';
import './panels.css';

/** What a bespoke settings panel is given: the node's settings and how to change them. */
export interface NodePanelProps {
  draft: DraftView;
  nodeId: string;
  nodeType: NodeTypeDto;
  settings: Record<string, unknown>;
  onChange: (settings: Record<string, unknown>) => void;
  /** The columns arriving at an input port (with their types). */
  columns: (port: string) => ColumnDto[];
  /** Problems of this node's settings, paths relative to the settings ("keys[0].left"). */
  problems: FieldProblem[];
}

export interface NodePanelDefinition {
  type: string;
  Panel: ComponentType<NodePanelProps>;
}

const definitions: NodePanelDefinition[] = [selectPanel, filterPanel, formulaPanel, joinPanel, groupByPanel, sortPanel, pivotPanel, readCsvPanel, pythonScriptPanel];

export const NODE_PANELS: ReadonlyMap<string, NodePanelDefinition> = new Map(definitions.map((definition) => [definition.type, definition]));
