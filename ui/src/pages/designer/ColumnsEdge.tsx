import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';

export interface ColumnsEdgeData extends Record<string, unknown> {
  columns: string;
}

export type FlowCanvasEdge = Edge<ColumnsEdgeData, 'columns'>;

/** An edge whose hover shows the columns (with types) that flow along it. */
export function ColumnsEdge(props: EdgeProps<FlowCanvasEdge>) {
  const [path] = getBezierPath(props);
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} />
      <path d={path} fill="none" stroke="transparent" strokeWidth={14} className="edge-hover-target">
        <title>{props.data?.columns || 'No columns known yet'}</title>
      </path>
    </>
  );
}
