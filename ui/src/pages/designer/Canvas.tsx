import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background, Controls, MiniMap, ReactFlow, useNodesState, useReactFlow,
  type Connection, type Edge, type NodeChange, type OnSelectionChangeParams,
} from '@xyflow/react';
import { raw } from '../../api/client';
import { documentOf, type FlowEditOp } from '../../api/types';
import { autoLayout, canConnect, endpoint, parseEndpoint, uniqueNodeId } from '../../graph';
import { ColumnsEdge, type FlowCanvasEdge } from './ColumnsEdge';
import { FlowNodeCard, type FlowCanvasNode } from './FlowNodeCard';
import { messageOf, useDesigner } from './store';

/** Node cards are 200 px wide and about 80 high; ranks 60 px apart keep long flows compact. */
const LAYOUT = { nodeSize: { width: 200, height: 80 }, rankSeparation: 60, nodeSeparation: 32 };

export const NODE_TYPE_MIME = 'application/x-flowfile-node-type';

const NODE_TYPES = { flowNode: FlowNodeCard };
const EDGE_TYPES = { columns: ColumnsEdge };

/** The file extensions a dropped data file may have, and the node that reads each. */
export const READERS: Record<string, string> = {
  csv: 'read_csv', tsv: 'read_csv', txt: 'read_csv',
  parquet: 'read_parquet',
  json: 'read_json', ndjson: 'read_json', jsonl: 'read_json',
  xlsx: 'read_excel',
};

/** The canvas: nodes and edges of the draft; every change the user makes becomes an edit. */
export function Canvas() {
  const draft = useDesigner((state) => state.draft)!;
  const types = useDesigner((state) => state.types);
  const run = useDesigner((state) => state.run);
  const selection = useDesigner((state) => state.selection);
  const edit = useDesigner((state) => state.edit);
  const select = useDesigner((state) => state.select);
  const notify = useDesigner((state) => state.notify);
  const flow = useReactFlow();
  const [dropping, setDropping] = useState(false);
  const document = documentOf(draft);
  const typeMap = useMemo(() => new Map(types.map((type) => [type.type!, type])), [types]);

  const laidOut = useMemo(() => {
    const missing = document.nodes.some((node) => !node.position);
    return missing ? autoLayout(document, LAYOUT) : undefined;
  }, [document]);

  const problemsByNode = useMemo(() => {
    const byNode = new Map<string, string[]>();
    for (const problem of draft.problems ?? []) {
      if (!problem.node) continue;
      byNode.set(problem.node, [...(byNode.get(problem.node) ?? []), problem.message ?? '']);
    }
    return byNode;
  }, [draft.problems]);

  const wanted: FlowCanvasNode[] = useMemo(() => document.nodes.map((node) => ({
    id: node.id,
    type: 'flowNode' as const,
    position: node.position ?? laidOut?.get(node.id) ?? { x: 0, y: 0 },
    selected: selection.includes(node.id),
    data: {
      id: node.id,
      label: node.label || node.id,
      typeName: node.type,
      nodeType: typeMap.get(node.type),
      run: run?.nodes[node.id],
      problems: problemsByNode.get(node.id) ?? [],
    },
  })), [document, laidOut, selection, typeMap, run, problemsByNode]);

  const [nodes, setNodes, onNodesChangeLocal] = useNodesState<FlowCanvasNode>(wanted);
  // The view fits the flow when it opens with nodes; an empty flow keeps its view, so the first
  // node dropped stays where it was dropped.
  const [fitOnOpen] = useState(() => document.nodes.length > 0);
  useEffect(() => {
    setNodes(wanted);
  }, [wanted, setNodes]);

  const edges: FlowCanvasEdge[] = useMemo(() => document.edges.map((edge) => {
    const from = parseEndpoint(edge.from);
    const to = parseEndpoint(edge.to);
    const columns = (draft.schemas?.[from.node]?.[from.port] ?? []).map((column) => `${column.name}: ${column.type}`);
    return {
      id: `${edge.from}->${edge.to}`,
      type: 'columns' as const,
      source: from.node,
      sourceHandle: from.port,
      target: to.node,
      targetHandle: to.port,
      data: { columns: columns.join('\n') },
    };
  }), [document, draft.schemas]);

  const onNodesChange = useCallback((changes: NodeChange<FlowCanvasNode>[]) => {
    // Moves and selection are drawn at once; removals wait for the server (onBeforeDelete).
    onNodesChangeLocal(changes.filter((change) => change.type !== 'remove'));
  }, [onNodesChangeLocal]);

  const onNodeDragStop = useCallback((_: unknown, __: unknown, moved: FlowCanvasNode[]) => {
    void edit(moved.map((node) => ({ op: 'move', node: node.id, x: Math.round(node.position.x), y: Math.round(node.position.y) })));
  }, [edit]);

  const onConnect = useCallback((connection: Connection) => {
    const from = { node: connection.source, port: connection.sourceHandle ?? 'main' };
    const to = { node: connection.target, port: connection.targetHandle ?? 'main' };
    const check = canConnect(document, typeMap as never, from, to);
    if (!check.ok) {
      notify('error', 'These cannot be connected: ' + check.reason + '.');
      return;
    }
    void edit([{ op: 'connect', from: endpoint(from.node, from.port), to: endpoint(to.node, to.port) }]);
  }, [document, typeMap, edit, notify]);

  const onBeforeDelete = useCallback(async ({ nodes: gone, edges: cut }: { nodes: FlowCanvasNode[]; edges: Edge[] }) => {
    const removed = new Set(gone.map((node) => node.id));
    const edits: FlowEditOp[] = [];
    if (removed.size) edits.push({ op: 'remove_nodes', nodes: [...removed] });
    for (const edge of cut) {
      if (removed.has(edge.source) || removed.has(edge.target)) continue;
      edits.push({ op: 'disconnect', from: endpoint(edge.source, edge.sourceHandle ?? 'main'), to: endpoint(edge.target, edge.targetHandle ?? 'main') });
    }
    if (edits.length) {
      await edit(edits);
      if (removed.size) select([]);
    }
    return false;
  }, [edit, select]);

  const onSelectionChange = useCallback(({ nodes: picked }: OnSelectionChangeParams) => {
    const ids = picked.map((node) => node.id);
    const current = useDesigner.getState().selection;
    if (ids.length !== current.length || ids.some((id, index) => id !== current[index])) select(ids);
  }, [select]);

  const addNode = useCallback(async (type: string, position: { x: number; y: number }, settings?: Record<string, unknown>) => {
    const id = uniqueNodeId(document, type);
    const done = await edit([{ op: 'add_node', node: { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, ...(settings ? { settings } : {}) } }]);
    if (done) select([id]);
    return done ? id : undefined;
  }, [document, edit, select]);

  const dropCounter = useRef(0);
  const onDrop = useCallback(async (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    if (type) {
      await addNode(type, position);
      return;
    }
    const files = [...event.dataTransfer.files];
    for (const [index, file] of files.entries()) {
      const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
      const reader = READERS[extension];
      if (!reader) {
        notify('error', `'${file.name}' is not a data file the designer reads: drop CSV, Parquet, JSON or Excel (.xlsx) files.`);
        continue;
      }
      try {
        await raw(`/api/files?path=${encodeURIComponent(file.name)}&overwrite=true`, {
          method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' },
        });
        dropCounter.current += 1;
        await addNode(reader, { x: position.x, y: position.y + index * 90 }, { path: file.name });
        notify('success', `Uploaded '${file.name}' and added a ${reader.replace('_', ' ')} node for it.`);
      } catch (failure) {
        notify('error', `'${file.name}' could not be uploaded: ` + messageOf(failure));
      }
    }
  }, [flow, addNode, notify]);

  // Auto layout from the header: positions for every node, sent as one batch of moves.
  useEffect(() => {
    const onLayout = () => {
      const positions = autoLayout(document, LAYOUT);
      void edit([...positions.entries()].map(([node, position]) => ({ op: 'move', node, x: Math.round(position.x), y: Math.round(position.y) })))
        .then(() => setTimeout(() => void flow.fitView({ duration: 200 }), 50));
    };
    window.addEventListener('flowfile:auto-layout', onLayout);
    return () => window.removeEventListener('flowfile:auto-layout', onLayout);
  }, [document, edit, flow]);

  return (
    <div
      className={'canvas' + (dropping ? ' dropzone-active' : '')}
      onDragOver={(event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; setDropping(true); }}
      onDragLeave={(event) => { if (event.currentTarget === event.target) setDropping(false); }}
      onDrop={(event) => void onDrop(event)}
      data-testid="canvas"
    >
      <ReactFlow<FlowCanvasNode, FlowCanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onBeforeDelete={onBeforeDelete}
        onSelectionChange={onSelectionChange}
        onNodeDoubleClick={(_, node) => void useDesigner.getState().showPreview(node.id)}
        zoomOnDoubleClick={false}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode="Shift"
        selectionKeyCode="Shift"
        fitView={fitOnOpen}
        fitViewOptions={{ maxZoom: 1.1, padding: 0.15 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: 'columns' }}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <Controls showInteractive={false} />
      </ReactFlow>
      {document.nodes.length === 0 && (
        <div className="canvas-empty">
          <p><b>An empty flow.</b> Drag a node type from the palette onto the canvas (or double-click it),</p>
          <p>or drop CSV, Parquet, JSON or Excel files here to upload them and read them.</p>
        </div>
      )}
    </div>
  );
}
