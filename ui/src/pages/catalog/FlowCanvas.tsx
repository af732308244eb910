// A flow drawn read-only: a registered version, a comparison of two versions (nodes and edges marked
// added, removed or changed) or a run (every node's state). Nodes can be selected, nothing edited.
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { applyNodeChanges, Background, Controls, ReactFlow, ReactFlowProvider, type NodeChange, type NodeProps } from '@xyflow/react';
import type { FlowDocument, NodeTypeDto } from '../../api/types';
import { autoLayout, parseEndpoint } from '../../graph';
import { ColumnsEdge, type FlowCanvasEdge } from '../designer/ColumnsEdge';
import { FlowNodeCard, type FlowCanvasNode } from '../designer/FlowNodeCard';
import type { NodeRun } from '../designer/store';

export type DiffMark = 'added' | 'removed' | 'changed';

const LAYOUT = { nodeSize: { width: 200, height: 80 }, rankSeparation: 60, nodeSeparation: 32 };

/** The designer's node card with the comparison's mark beside its title. */
const MarkedNode = memo(function MarkedNode(props: NodeProps<FlowCanvasNode>) {
  const mark = props.data.mark as DiffMark | undefined;
  return (
    <div className={'catalog-node' + (mark ? ' diff-' + mark : '')} data-diff={mark ?? 'same'}>
      <FlowNodeCard {...props} />
      {mark && <span className={'diff-tag diff-tag-' + mark}>{mark}</span>}
    </div>
  );
});

const NODE_TYPES = { flowNode: MarkedNode };
const EDGE_TYPES = { columns: ColumnsEdge };

export interface FlowCanvasProps {
  document: FlowDocument;
  types: Map<string, NodeTypeDto>;
  /** Each node's mark in a comparison. */
  marks?: Map<string, DiffMark>;
  /** Edges ("from -> to") marked in a comparison. */
  edgeMarks?: Map<string, DiffMark>;
  /** Each node's state in a run. */
  runs?: Record<string, NodeRun>;
  selected?: string;
  onSelect?: (node: string | undefined) => void;
  label: string;
}

export function FlowCanvas(props: FlowCanvasProps) {
  return (
    // Drawn afresh once the node types arrive: their ports change every card's handles.
    <ReactFlowProvider key={props.types.size > 0 ? 'typed' : 'untyped'}>
      <ReadOnlyCanvas {...props} />
    </ReactFlowProvider>
  );
}

function ReadOnlyCanvas(props: FlowCanvasProps) {
  const { document, types, marks, edgeMarks, runs, selected, onSelect } = props;
  const laidOut = useMemo(
    () => (document.nodes.some((node) => !node.position) ? autoLayout(document, LAYOUT) : undefined),
    [document],
  );
  const built: FlowCanvasNode[] = useMemo(() => document.nodes.map((node) => ({
    id: node.id,
    type: 'flowNode' as const,
    position: laidOut?.get(node.id) ?? node.position ?? { x: 0, y: 0 },
    selected: node.id === selected,
    draggable: false,
    connectable: false,
    data: {
      id: node.id,
      label: node.label || node.id,
      typeName: node.type,
      nodeType: types.get(node.type),
      run: runs?.[node.id],
      problems: [],
      mark: marks?.get(node.id),
    },
  })), [document, laidOut, selected, types, runs, marks]);
  // React Flow forgets a node's measured size (and its handles) when it is given a node object without
  // one, as every run event here gives, and hides the node until it is measured again: keep the sizes
  // it reports and carry them onto new objects of the same card (same type, so the same ports).
  const [nodes, setNodes] = useState(built);
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((node) => [node.id, node]));
      return built.map((node) => {
        const old = before.get(node.id);
        const sameCard = old?.measured && old.data.nodeType === node.data.nodeType && old.data.label === node.data.label
          && old.data.mark === node.data.mark;
        return sameCard ? { ...node, measured: old.measured } : node;
      });
    });
  }, [built]);
  const onNodesChange = useCallback((changes: NodeChange<FlowCanvasNode>[]) => {
    const sizes = changes.filter((change) => change.type === 'dimensions');
    if (sizes.length > 0) {
      setNodes((previous) => applyNodeChanges(sizes, previous));
    }
  }, []);
  const edges: FlowCanvasEdge[] = useMemo(() => document.edges.map((edge) => {
    const from = parseEndpoint(edge.from);
    const to = parseEndpoint(edge.to);
    const mark = edgeMarks?.get(`${edge.from} -> ${edge.to}`);
    return {
      id: `${edge.from}->${edge.to}`,
      type: 'columns' as const,
      source: from.node,
      sourceHandle: from.port,
      target: to.node,
      targetHandle: to.port,
      className: mark ? 'diff-edge-' + mark : undefined,
      data: { columns: `${edge.from} → ${edge.to}` + (mark ? ` (${mark})` : '') },
    };
  }), [document, edgeMarks]);

  return (
    <div className="canvas catalog-canvas" data-testid="catalog-canvas" aria-label={props.label}>
      <ReactFlow<FlowCanvasNode, FlowCanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={Boolean(onSelect)}
        deleteKeyCode={null}
        onNodeClick={(_, node) => onSelect?.(node.id === selected ? undefined : node.id)}
        onPaneClick={() => onSelect?.(undefined)}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** A comparison drawn on one canvas: the newer version's nodes and edges plus what it removed. */
export function mergedForDiff(before: FlowDocument, after: FlowDocument, diff: { nodesRemoved?: string[]; edgesRemoved?: string[] }): FlowDocument {
  const removed = new Set(diff.nodesRemoved ?? []);
  const removedEdges = new Set(diff.edgesRemoved ?? []);
  const known = new Set(after.nodes.map((node) => node.id));
  const nodes = [...after.nodes, ...before.nodes.filter((node) => removed.has(node.id) && !known.has(node.id))];
  const edges = [...after.edges, ...before.edges.filter((edge) => removedEdges.has(`${edge.from} -> ${edge.to}`))];
  // Positions of one version do not fit nodes of the other: lay out the merged flow afresh unless every node has one.
  const positioned = nodes.every((node) => node.position);
  return { ...after, nodes: positioned ? nodes : nodes.map(({ position: _position, ...rest }) => rest), edges };
}
