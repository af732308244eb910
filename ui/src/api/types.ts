// Names for the server's types, all taken from the generated OpenAPI schema (schema.d.ts).
import type { components } from './schema';

type Schemas = components['schemas'];
export type DraftView = Schemas['DraftView'];
export type DraftSummary = Schemas['DraftSummary'];
export type NodeTypeDto = Schemas['NodeTypeDto'];
export type ProblemDto = Schemas['ProblemDto'];
export type ColumnDto = Schemas['ColumnDto'];
export type RunDto = Schemas['RunDto'];
export type NodeOutcome = Schemas['NodeOutcome'];
export type PreviewDto = Schemas['PreviewDto'];
export type DiffDto = Schemas['DiffDto'];
export type FlowDto = Schemas['FlowDto'];
export type VersionDto = Schemas['VersionDto'];
export type ColumnStatistics = Schemas['ColumnStatistics'];
export type Me = Schemas['Me'];
export type ErrorDto = Schemas['ErrorDto'];

import type { FlowDocument, FlowNode } from '../graph';

export type { FlowDocument, FlowNode, FlowEdge } from '../graph';

/** One edit of a draft, as POST /api/drafts/{id}/edits takes it. */
export type FlowEditOp =
  | { op: 'add_node'; node: FlowNode }
  | { op: 'remove_nodes'; nodes: string[] }
  | { op: 'connect'; from: string; to: string }
  | { op: 'disconnect'; from: string; to: string }
  | { op: 'update_settings'; node: string; settings: Record<string, unknown> }
  | { op: 'move'; node: string; x: number; y: number }
  | { op: 'relabel'; node: string; label: string }
  | { op: 'set_cache'; node: string; cache: boolean }
  | { op: 'set_type_version'; node: string; version: number }
  | { op: 'set_parameters'; parameters: Record<string, string> }
  | { op: 'rename'; name: string }
  | { op: 'describe'; description: string };

export function documentOf(draft: DraftView): FlowDocument {
  return draft.document as unknown as FlowDocument;
}
