/** Port names, input port arities and edge endpoints ("node" or "node.port"). */

/** The default port; an endpoint on it is written as the bare node id. */
export const MAIN_PORT = 'main';

/** How many edges an input port takes: exactly one, zero or one, or any number. */
export type PortArity = 'one' | 'optional' | 'many';

/** An input port of a node type: its name and how many edges it takes. */
export interface InputPort {
  name: string;
  arity: PortArity;
}

/** One end of an edge: a node and one of its ports. */
export interface Endpoint {
  node: string;
  port: string;
}

/** Reads an input port specification: "main" (one edge), "main?" (optional) or "inputs*" (many). */
export function parseInputPort(specification: string): InputPort {
  if (specification.endsWith('?')) {
    return { name: specification.slice(0, -1), arity: 'optional' };
  }
  if (specification.endsWith('*')) {
    return { name: specification.slice(0, -1), arity: 'many' };
  }
  return { name: specification, arity: 'one' };
}

/** Reads an edge endpoint: "a" is port main of node a, "a.left" is port left of node a. */
export function parseEndpoint(text: string): Endpoint {
  const dot = text.indexOf('.');
  if (dot < 0) {
    return { node: text, port: MAIN_PORT };
  }
  return { node: text.slice(0, dot), port: text.slice(dot + 1) };
}

/** Writes an edge endpoint: the bare node id for port main, otherwise "node.port". */
export function endpoint(node: string, port: string = MAIN_PORT): string {
  return port === MAIN_PORT ? node : `${node}.${port}`;
}

/** Whether two endpoints name the same port of the same node. */
export function sameEndpoint(first: Endpoint, second: Endpoint): boolean {
  return first.node === second.node && first.port === second.port;
}
