import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { BarChart3 } from 'lucide-react';
import { api, call } from '../../api/client';
import type { ColumnStatistics, PreviewDto } from '../../api/types';
import { messageOf, useDesigner } from './store';

const ROW_HEIGHT = 26;

/** The first rows of a node's port: typed headers, only the visible rows drawn. */
export function PreviewGrid(props: { data: PreviewDto }) {
  const { data } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const rows = data.rows ?? [];
  const columns = data.columns ?? [];
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = `56px repeat(${columns.length}, minmax(120px, 1fr))`;
  const [statistics, setStatistics] = useState<ColumnStatistics[] | 'loading' | string>();
  const draft = useDesigner((state) => state.draft);

  const loadStatistics = async () => {
    if (!draft?.id) return;
    setStatistics('loading');
    try {
      setStatistics(await call(api.GET('/api/drafts/{id}/nodes/{node}/statistics', {
        params: { path: { id: draft.id, node: data.node! }, query: { port: data.port } },
      })));
    } catch (failure) {
      setStatistics('Statistics failed: ' + messageOf(failure));
    }
  };

  return (
    <div className="preview">
      <div className="preview-bar">
        <span><b>{data.node}</b>{data.port !== 'main' ? '.' + data.port : ''} — {rows.length} {rows.length === 1 ? 'row' : 'rows'}{data.truncated ? ` (the first ${data.limit})` : ''}, {columns.length} columns</span>
        <button className="button" onClick={() => void loadStatistics()} disabled={statistics === 'loading'}>
          <BarChart3 size={14} /> {statistics === 'loading' ? 'Computing…' : 'Column statistics'}
        </button>
      </div>
      {Array.isArray(statistics) && <StatisticsTable statistics={statistics} />}
      {typeof statistics === 'string' && statistics !== 'loading' && <p className="error-text">{statistics}</p>}
      <div className="grid-scroller" ref={scroller} role="grid" aria-label={`Preview of ${data.node}`} aria-rowcount={rows.length + 1}>
        <div className="grid-row grid-header" style={{ gridTemplateColumns: template }} role="row">
          <div className="grid-cell muted" role="columnheader">#</div>
          {columns.map((column) => (
            <div key={column.name} className="grid-cell" role="columnheader" title={`${column.name}: ${column.type}`}>
              <span className="grid-column-name">{column.name}</span>
              <span className="grid-column-type">{column.type}</span>
            </div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div key={item.key} className="grid-row" role="row" data-row={item.index}
              style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <div className="grid-cell muted">{item.index + 1}</div>
              {rows[item.index].map((value, index) => (
                <div key={index} className={'grid-cell' + (value === null ? ' null' : typeof value === 'number' ? ' number' : '')} role="gridcell">
                  {formatValue(value)}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

function StatisticsTable(props: { statistics: ColumnStatistics[] }) {
  return (
    <table className="statistics" aria-label="Column statistics">
      <thead><tr><th>Column</th><th>Type</th><th>Count</th><th>Nulls</th><th>Distinct</th><th>Min</th><th>Max</th><th>Mean</th><th>Most frequent</th></tr></thead>
      <tbody>
        {props.statistics.map((column) => (
          <tr key={column.name}>
            <td>{column.name}</td><td className="mono muted">{column.type}</td><td>{column.count}</td><td>{column.nulls}</td><td>{column.distinct}</td>
            <td>{column.min}</td><td>{column.max}</td><td>{column.mean === undefined || column.mean === null ? '' : Number(column.mean).toPrecision(6)}</td>
            <td className="muted">{(column.top ?? []).slice(0, 3).map((entry) => `${entry.value} (${entry.count})`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
