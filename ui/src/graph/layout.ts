/** Automatic left-to-right layout of a flow with dagre. */
import dagre from '@dagrejs/dagre';
import type { FlowDocument, FlowNode, Position } from './flowDocument';
import { parseEndpoint } from './ports';

/** The width and height of a node on the canvas, in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** Options of {@link autoLayout}; every field has a default. */
export interface LayoutOptions {
  /** The size of every node, or of each node; default 200 x 64. */
  nodeSize?: Size | ((node: FlowNode) => Size);
  /** Vertical space between nodes of the same column; default 40. */
  nodeSeparation?: number;
  /** Horizontal space between columns; default 80. */
  rankSeparation?: number;
}

/** The node size used when none is given. */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 64 };

/**
 * New positions for every node, left to right along the edges, as the top-left corner of each node
 * (rounded to whole pixels). The same document and options always give the same layout.
 * Edges naming unknown nodes are ignored.
 */
export function autoLayout(document: FlowDocument, options: LayoutOptions = {}): Map<string, Position> {
  const { nodeSize = DEFAULT_NODE_SIZE, nodeSeparation = 40, rankSeparation = 80 } = options;
  const sizeOf = typeof nodeSize === 'function' ? nodeSize : () => nodeSize;

  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: nodeSeparation, ranksep: rankSeparation, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of document.nodes) {
    const { width, height } = sizeOf(node);
    graph.setNode(node.id, { width, height });
  }
  for (const edge of document.edges) {
    const source = parseEndpoint(edge.from).node;
    const target = parseEndpoint(edge.to).node;
    if (source !== target && graph.hasNode(source) && graph.hasNode(target)) {
      graph.setEdge(source, target);
    }
  }
  dagre.layout(graph);

  const positions = new Map<string, Position>();
  for (const node of document.nodes) {
    const { x, y, width, height } = graph.node(node.id);
    positions.set(node.id, { x: Math.round(x - width / 2), y: Math.round(y - height / 2) });
  }
  return positions;
}
