/** The rules of the flow graph: which edges are allowed, cycles, ordering and missing inputs. */
import { lookupNodeType, type FlowDocument, type NodeTypePorts, type NodeTypes } from './flowDocument';
import { parseEndpoint, parseInputPort, sameEndpoint, type Endpoint, type PortArity } from './ports';

/** The answer to "may this edge be added?": ok, or a sentence telling the user why not. */
export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/** An input port that needs an edge but has none. */
export interface ConnectionProblem {
  node: string;
  port: string;
  message: string;
}

/**
 * Whether an edge from output port `from` to input port `to` may be added to the document.
 * Checks, in order: both nodes exist, no self loop, both ports exist, no duplicate edge,
 * no cycle (named first: it is the more fundamental reason), and room on a single-input port.
 */
export function canConnect(
  document: FlowDocument,
  types: NodeTypes,
  from: Endpoint,
  to: Endpoint,
): ConnectionCheck {
  const sourceNode = document.nodes.find((node) => node.id === from.node);
  const targetNode = document.nodes.find((node) => node.id === to.node);
  if (!sourceNode) return refuse(`There is no node '${from.node}'`);
  if (!targetNode) return refuse(`There is no node '${to.node}'`);
  if (from.node === to.node) return refuse('A node cannot connect to itself');

  const sourceType = lookupNodeType(types, sourceNode.type);
  const targetType = lookupNodeType(types, targetNode.type);
  if (!sourceType) return refuse(`'${from.node}' has an unknown type '${sourceNode.type}'`);
  if (!targetType) return refuse(`'${to.node}' has an unknown type '${targetNode.type}'`);
  if (!sourceType.outputs.includes(from.port)) {
    return refuse(`'${from.node}' has no output port '${from.port}'`);
  }
  const inputPort = targetType.inputs.map(parseInputPort).find((port) => port.name === to.port);
  if (!inputPort) return refuse(`'${to.node}' has no input port '${to.port}'`);

  const alreadyConnected = document.edges.some(
    (edge) => sameEndpoint(parseEndpoint(edge.from), from) && sameEndpoint(parseEndpoint(edge.to), to),
  );
  if (alreadyConnected) return refuse('These nodes are already connected');

  // A cycle is named before a taken port: it is the more fundamental reason.
  const cycle = wouldCloseCycle(document, from.node, to.node);
  if (cycle) return refuse(`This edge would close a cycle: ${cycle.join(' → ')}`);

  if (inputPort.arity !== 'many' && edgeCountInto(document, to) > 0) {
    return refuse(
      `Port '${to.port}' of '${to.node}' already has an input; ` +
        `${targetType.title} nodes take ${describeArity(inputPort.arity)} on port '${to.port}'`,
    );
  }
  return { ok: true };
}

/**
 * The cycle that an edge from `fromNode` to `toNode` would close, as the node ids along it
 * (starting and ending with `fromNode`, shortest such path), or null when the edge closes no cycle.
 */
export function wouldCloseCycle(document: FlowDocument, fromNode: string, toNode: string): string[] | null {
  if (fromNode === toNode) return [fromNode, toNode];
  const successors = successorsByNode(document);
  const reachedFrom = new Map<string, string | null>([[toNode, null]]);
  const queue = [toNode];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === fromNode) {
      const path: string[] = [];
      for (let step: string | null = current; step !== null; step = reachedFrom.get(step)!) {
        path.unshift(step);
      }
      return [fromNode, ...path];
    }
    for (const next of successors.get(current) ?? []) {
      if (!reachedFrom.has(next)) {
        reachedFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * The node ids ordered so that every node comes after the nodes feeding it; among nodes that are
 * ready at the same time, document order wins. Nodes on a cycle (a broken document) come last,
 * in document order. Edges naming unknown nodes are ignored.
 */
export function topologicalOrder(document: FlowDocument): string[] {
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const remainingInputs = new Map<string, number>(document.nodes.map((node) => [node.id, 0]));
  const successors = new Map<string, string[]>();
  for (const edge of document.edges) {
    const source = parseEndpoint(edge.from).node;
    const target = parseEndpoint(edge.to).node;
    if (!nodeIds.has(source) || !nodeIds.has(target)) continue;
    remainingInputs.set(target, remainingInputs.get(target)! + 1);
    successors.set(source, [...(successors.get(source) ?? []), target]);
  }

  const order: string[] = [];
  const placed = new Set<string>();
  let ready = document.nodes.find((node) => !placed.has(node.id) && remainingInputs.get(node.id) === 0);
  while (ready) {
    order.push(ready.id);
    placed.add(ready.id);
    for (const target of successors.get(ready.id) ?? []) {
      remainingInputs.set(target, remainingInputs.get(target)! - 1);
    }
    ready = document.nodes.find((node) => !placed.has(node.id) && remainingInputs.get(node.id) === 0);
  }
  const onCycles = document.nodes.filter((node) => !placed.has(node.id)).map((node) => node.id);
  return [...order, ...onCycles];
}

/** The ids of every node downstream of `nodeId` (following edges forward), not counting the node itself. */
export function nodesReachableFrom(document: FlowDocument, nodeId: string): Set<string> {
  const successors = successorsByNode(document);
  const reached = new Set<string>();
  const queue = [nodeId];
  while (queue.length > 0) {
    for (const next of successors.get(queue.shift()!) ?? []) {
      if (next !== nodeId && !reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}

/**
 * The first input port of node `nodeId` (of the given type) that can still take an edge,
 * or null when every input port is taken or the type has no inputs. Used when an edge is dropped
 * onto a node's body rather than onto a port.
 */
export function freeInputPort(document: FlowDocument, type: NodeTypePorts, nodeId: string): string | null {
  const port = type.inputs
    .map(parseInputPort)
    .find((input) => input.arity === 'many' || edgeCountInto(document, { node: nodeId, port: input.name }) === 0);
  return port?.name ?? null;
}

/** The input ports that need exactly one edge but have none, in document and port order. Nodes of unknown types are skipped. */
export function problemsOfConnections(document: FlowDocument, types: NodeTypes): ConnectionProblem[] {
  const problems: ConnectionProblem[] = [];
  for (const node of document.nodes) {
    const type = lookupNodeType(types, node.type);
    for (const input of (type?.inputs ?? []).map(parseInputPort)) {
      if (input.arity === 'one' && edgeCountInto(document, { node: node.id, port: input.name }) === 0) {
        problems.push({
          node: node.id,
          port: input.name,
          message: `Port '${input.name}' of '${node.id}' has no input`,
        });
      }
    }
  }
  return problems;
}

/** How many edges end at the given input port. */
function edgeCountInto(document: FlowDocument, input: Endpoint): number {
  return document.edges.filter((edge) => sameEndpoint(parseEndpoint(edge.to), input)).length;
}

/** The downstream neighbours of each node, in edge order. */
function successorsByNode(document: FlowDocument): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const edge of document.edges) {
    const source = parseEndpoint(edge.from).node;
    successors.set(source, [...(successors.get(source) ?? []), parseEndpoint(edge.to).node]);
  }
  return successors;
}

/** The number of edges a single-input port takes, in words. */
function describeArity(arity: Exclude<PortArity, 'many'>): string {
  return arity === 'one' ? 'one edge' : 'at most one edge';
}

/** A refused connection with its reason for the user. */
function refuse(reason: string): ConnectionCheck {
  return { ok: false, reason };
}
