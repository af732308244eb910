/** Node types and a document builder shared by the graph tests. */
import type { FlowDocument, FlowEdge, FlowNode, NodeTypeInfo } from './flowDocument';

/** A node type description with the fields the tests do not care about filled in. */
function nodeType(type: string, title: string, inputs: string[], outputs: string[]): NodeTypeInfo {
  return { type, title, category: 'test', description: title, settingsSchema: {}, inputs, outputs };
}

/** The node types the tests use, by name. */
export const testTypes = new Map<string, NodeTypeInfo>(
  [
    nodeType('read_csv', 'Read CSV', [], ['main']),
    nodeType('filter', 'Filter', ['main'], ['main']),
    nodeType('join', 'Join', ['left', 'right'], ['main']),
    nodeType('union', 'Union', ['inputs*'], ['main']),
    nodeType('sql', 'SQL', ['input_1', 'input_2?', 'input_3?'], ['main']),
    nodeType('split', 'Split', ['main'], ['matched', 'unmatched']),
    nodeType('write_csv', 'Write CSV', ['main'], []),
  ].map((info) => [info.type, info]),
);

/** A document with nodes given as "id:type" and edges given as "from -> to". */
export function flow(nodes: string[], edges: string[] = []): FlowDocument {
  return {
    flowfile: 1,
    name: 'test',
    nodes: nodes.map((text): FlowNode => {
      const [id, type] = text.split(':');
      return { id, type };
    }),
    edges: edges.map((text): FlowEdge => {
      const [from, to] = text.split(' -> ');
      return { from, to };
    }),
  };
}
