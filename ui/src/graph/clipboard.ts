/** Copying and pasting parts of a flow, and choosing fresh node ids. */
import type { FlowDocument, FlowEdge, FlowNode, Position } from './flowDocument';
import { endpoint, parseEndpoint } from './ports';

/** Copied nodes (with their settings) and the edges between them. */
export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** How far pasted nodes are moved from where they were copied, by default. */
export const DEFAULT_PASTE_OFFSET: Position = { x: 40, y: 40 };

/**
 * The selected nodes, deep-copied in document order, and the edges whose both ends are selected.
 * Edges to or from unselected nodes are left out.
 */
export function copySelection(document: FlowDocument, selectedIds: Iterable<string>): Clipboard {
  const selected = new Set(selectedIds);
  return structuredClone({
    nodes: document.nodes.filter((node) => selected.has(node.id)),
    edges: document.edges.filter(
      (edge) => selected.has(parseEndpoint(edge.from).node) && selected.has(parseEndpoint(edge.to).node),
    ),
  });
}

/**
 * The clipboard's nodes and edges ready to add to the document: nodes get ids unused in the
 * document and among themselves (a copied id is kept when it is free), edges follow the new ids,
 * positions move by `offset`, and settings are deep copies. The document is not changed.
 */
export function pasteClipboard(
  document: FlowDocument,
  clipboard: Clipboard,
  offset: Position = DEFAULT_PASTE_OFFSET,
): Clipboard {
  const takenIds = new Set(document.nodes.map((node) => node.id));
  const newIds = new Map<string, string>();
  const nodes = clipboard.nodes.map((node) => {
    const id = takenIds.has(node.id) ? numberedId(withoutNumber(node.id), takenIds) : node.id;
    takenIds.add(id);
    newIds.set(node.id, id);
    const copy: FlowNode = { ...structuredClone(node), id };
    if (node.position) {
      copy.position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    }
    return copy;
  });
  const edges = clipboard.edges.flatMap((edge) => {
    const from = parseEndpoint(edge.from);
    const to = parseEndpoint(edge.to);
    const newFrom = newIds.get(from.node);
    const newTo = newIds.get(to.node);
    return newFrom && newTo ? [{ from: endpoint(newFrom, from.port), to: endpoint(newTo, to.port) }] : [];
  });
  return { nodes, edges };
}

/**
 * A fresh id for a new node of the given type: the type name itself if free ("read_csv"),
 * otherwise the type name with the first free number from 2 ("read_csv_2", "read_csv_3", ...).
 * Characters not allowed in ids become '_'.
 */
export function uniqueNodeId(document: FlowDocument, type: string): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '_') || 'node';
  const takenIds = new Set(document.nodes.map((node) => node.id));
  return takenIds.has(base) ? numberedId(base, takenIds) : base;
}

/** `base_2`, `base_3`, ...: the first one not taken. */
function numberedId(base: string, takenIds: ReadonlySet<string>): string {
  let number = 2;
  while (takenIds.has(`${base}_${number}`)) number++;
  return `${base}_${number}`;
}

/** The id without a trailing copy number: "filter_2" becomes "filter"; "filter" stays. */
function withoutNumber(id: string): string {
  return id.replace(/_\d+$/, '') || id;
}
