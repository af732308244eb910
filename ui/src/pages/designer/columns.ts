// What columns reach a node's input port: the predicted output schema of whatever is connected to it.
import type { ColumnDto, DraftView } from '../../api/types';
import { MAIN_PORT, parseEndpoint } from '../../graph';
import { documentOf } from '../../api/types';

export function outputColumns(draft: DraftView, node: string, port: string = MAIN_PORT): ColumnDto[] {
  return draft.schemas?.[node]?.[port] ?? [];
}

/** A column with its name and type, as the forms take it. */
export interface Column {
  name: string;
  type: string;
}

/** The columns arriving at `port` of `node` (several inputs on one port: each column once). */
export function inputColumns(draft: DraftView, node: string, port: string = MAIN_PORT): Column[] {
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const edge of documentOf(draft).edges) {
    const to = parseEndpoint(edge.to);
    if (to.node !== node || to.port !== port) continue;
    const from = parseEndpoint(edge.from);
    for (const column of outputColumns(draft, from.node, from.port)) {
      if (!seen.has(column.name!)) {
        seen.add(column.name!);
        columns.push({ name: column.name!, type: column.type ?? '' });
      }
    }
  }
  return columns;
}
