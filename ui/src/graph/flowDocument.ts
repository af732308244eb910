/** The flow document as the server stores it (the JSON form of a flow YAML file). */

/** A point on the canvas, in canvas pixels. */
export interface Position {
  x: number;
  y: number;
}

/** One node of a flow: a step such as reading a CSV file or joining two tables. */
export interface FlowNode {
  /** Unique within the flow; matches ^[A-Za-z0-9_-]+$ (never contains a dot). */
  id: string;
  type: string;
  /** The version of a custom node type the node was built with. */
  type_version?: number;
  label?: string;
  position?: Position;
  cache?: boolean;
  settings?: Record<string, unknown>;
}

/** A connection from an output port to an input port; endpoints are "node" (port main) or "node.port". */
export interface FlowEdge {
  from: string;
  to: string;
}

/** A whole flow: its nodes and the edges between them. */
export interface FlowDocument {
  flowfile: 1;
  name: string;
  description?: string;
  parameters?: Record<string, string>;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The server's description of a node type. */
export interface NodeTypeInfo {
  type: string;
  title: string;
  category: string;
  description: string;
  settingsSchema: object;
  /** Input port specifications with an arity suffix: "main" (one edge), "main?" (0 or 1), "inputs*" (many). */
  inputs: string[];
  /** Output port names. */
  outputs: string[];
}

/** The part of a node type that the graph rules need. */
export type NodeTypePorts = Pick<NodeTypeInfo, 'type' | 'title' | 'inputs' | 'outputs'>;

/** Node types by type name, as a map or as a lookup function. */
export type NodeTypes =
  | ReadonlyMap<string, NodeTypePorts>
  | ((type: string) => NodeTypePorts | undefined);

/** The description of a node type by its name, or undefined when the type is unknown. */
export function lookupNodeType(types: NodeTypes, type: string): NodeTypePorts | undefined {
  return typeof types === 'function' ? types(type) : types.get(type);
}
