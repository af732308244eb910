import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { AlertTriangle, CheckCircle2, CircleSlash, Clock, Loader2, XCircle } from 'lucide-react';
import { MAIN_PORT, parseInputPort } from '../../graph';
import type { NodeTypeDto } from '../../api/types';
import type { NodeRun } from './store';
import { categoryIcon } from './categories';

export interface FlowNodeData extends Record<string, unknown> {
  id: string;
  label: string;
  nodeType?: NodeTypeDto;
  typeName: string;
  run?: NodeRun;
  problems: string[];
}

export type FlowCanvasNode = Node<FlowNodeData, 'flowNode'>;

/**
 * A node on the canvas: type icon, label and type, a labelled handle per named port (inputs left,
 * outputs right), its state in and after a run, and a problem marker whose tooltip gives the message.
 */
export const FlowNodeCard = memo(function FlowNodeCard({ data, selected }: NodeProps<FlowCanvasNode>) {
  const Icon = categoryIcon(data.nodeType?.category);
  const inputs = (data.nodeType?.inputs ?? []).map(parseInputPort);
  const outputs = data.nodeType?.outputs ?? [MAIN_PORT];
  const labelled = (ports: string[]) => ports.length > 1 || ports.some((port) => port !== MAIN_PORT);
  const inputsLabelled = labelled(inputs.map((port) => port.name));
  const outputsLabelled = labelled(outputs);
  const rows = Math.max(inputs.length, outputs.length, 1);
  const state = data.run?.state;
  return (
    <div
      className={'flow-node' + (selected ? ' selected' : '') + (state ? ' state-' + state : '') + (data.problems.length ? ' has-problems' : '')}
      style={{ minHeight: 44 + rows * 18 }}
      data-node-id={data.id}
      data-state={state ?? 'idle'}
      aria-label={`Node ${data.label}`}
    >
      <div className="flow-node-head">
        <span className={'flow-node-icon category-' + (data.nodeType?.category ?? 'unknown')}><Icon size={14} /></span>
        <div className="flow-node-titles">
          <div className="flow-node-label" title={data.label}>{data.label}</div>
          <div className="flow-node-type">{data.nodeType?.title ?? data.typeName}</div>
        </div>
        {data.problems.length > 0 && (
          <span className="flow-node-problem" role="img" aria-label={'Problems: ' + data.problems.join('; ')} title={data.problems.join('\n')}>
            <AlertTriangle size={15} />
          </span>
        )}
      </div>
      <RunBadge run={data.run} />
      {inputs.map((port, index) => (
        <Handle key={'in-' + port.name} id={port.name} type="target" position={Position.Left}
          style={{ top: handleTop(index, inputs.length) }} className="flow-handle" title={portTitle(port.name, port.arity)}>
          {inputsLabelled && <span className="flow-handle-label left">{port.name}</span>}
        </Handle>
      ))}
      {outputs.map((port, index) => (
        <Handle key={'out-' + port} id={port} type="source" position={Position.Right}
          style={{ top: handleTop(index, outputs.length) }} className="flow-handle" title={'Output ' + port}>
          {outputsLabelled && <span className="flow-handle-label right">{port}</span>}
        </Handle>
      ))}
    </div>
  );
});

function handleTop(index: number, count: number): string {
  return `${((index + 1) * 100) / (count + 1)}%`;
}

function portTitle(name: string, arity: string): string {
  return `Input ${name}` + (arity === 'many' ? ' (any number of edges)' : arity === 'optional' ? ' (optional)' : '');
}

function RunBadge({ run }: { run?: NodeRun }) {
  if (!run) return <div className="flow-node-status" />;
  switch (run.state) {
    case 'queued':
      return <div className="flow-node-status muted"><Clock size={12} /> queued</div>;
    case 'running':
      return <div className="flow-node-status running"><Loader2 size={12} className="spin" /> running</div>;
    case 'succeeded':
      return (
        <div className="flow-node-status succeeded" title={run.cached ? 'From the cache' : undefined}>
          <CheckCircle2 size={12} /> {run.rows !== undefined ? formatRows(run.rows) + ' rows' : 'done'}
          {run.millis !== undefined && <span className="muted"> · {run.millis} ms</span>}
          {run.cached && <span className="muted"> · cached</span>}
        </div>
      );
    case 'failed':
      return <div className="flow-node-status failed" title={run.error}><XCircle size={12} /> failed</div>;
    case 'skipped':
      return <div className="flow-node-status muted"><CircleSlash size={12} /> skipped</div>;
    case 'cancelled':
      return <div className="flow-node-status muted"><CircleSlash size={12} /> cancelled</div>;
  }
}

export function formatRows(rows: number): string {
  return rows.toLocaleString('en-US');
}
