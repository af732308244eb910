/**
 * A cell's outputs: streams (stderr tinted), errors with their tracebacks in ANSI colours, and
 * displays by their richest safe representation — PNG/JPEG/SVG images, DataFrames as tables, other
 * HTML in a sandboxed iframe (no scripts, no same origin), Plotly figures drawn with plotly.js, text.
 */
import { memo, useMemo } from 'react';
import { PLOTLY_MIME, PlotlyFigure, plotlyFigure } from '../../components/PlotlyFigure';
import { parseAnsi, segmentProps } from './ansi';
import { tableFromHtml, type OutputItem } from './notebookModel';

export function AnsiText(props: { text: string; className?: string }) {
  const segments = useMemo(() => parseAnsi(props.text), [props.text]);
  return (
    <pre className={props.className}>
      {segments.map((segment, index) => {
        const { className, style } = segmentProps(segment.style);
        return className || style ? <span key={index} className={className} style={style}>{segment.text}</span> : segment.text;
      })}
    </pre>
  );
}

export const CellOutputs = memo(function CellOutputs(props: { items: OutputItem[] }) {
  if (props.items.length === 0) return null;
  return (
    <div className="pyn-outputs" data-testid="cell-outputs">
      {props.items.map((item, index) => <Output key={index} item={item} />)}
    </div>
  );
});

function Output({ item }: { item: OutputItem }) {
  switch (item.kind) {
    case 'stream':
      return <AnsiText className={`pyn-stream is-${item.stream}`} text={item.text} />;
    case 'error':
      return <div className="pyn-error" role="alert"><AnsiText text={item.text} /></div>;
    case 'note':
      return <div className="pyn-note">{item.text}</div>;
    case 'display':
      return (
        <figure className="pyn-display">
          {item.title && <figcaption>{item.title}</figcaption>}
          <Bundle bundle={item.bundle} />
        </figure>
      );
  }
}

function Bundle({ bundle }: { bundle: Record<string, unknown> }) {
  const figure = useMemo(() => plotlyFigure(bundle[PLOTLY_MIME]), [bundle]);
  const text = (key: string) => (typeof bundle[key] === 'string' ? (bundle[key] as string) : undefined);
  const png = text('image/png');
  if (png) return <img className="pyn-image" alt={text('text/plain') ?? 'image'} src={`data:image/png;base64,${png.replace(/\s/g, '')}`} />;
  const jpeg = text('image/jpeg');
  if (jpeg) return <img className="pyn-image" alt={text('text/plain') ?? 'image'} src={`data:image/jpeg;base64,${jpeg.replace(/\s/g, '')}`} />;
  const svg = text('image/svg+xml');
  if (svg) return <img className="pyn-image" alt={text('text/plain') ?? 'image'} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />;
  if (figure) return <PlotlyFigure figure={figure} className="pyn-plotly" title={text('text/plain')} />;
  const html = text('text/html');
  if (html) {
    const table = tableFromHtml(html);
    if (table) return <DataTable table={table} />;
  }
  if (html) return <iframe className="pyn-html" title="HTML output" sandbox="" srcDoc={html} />;
  if (bundle['application/json'] !== undefined) return <pre className="pyn-stream">{JSON.stringify(bundle['application/json'], null, 2)}</pre>;
  const plain = text('text/plain');
  if (plain !== undefined) return <AnsiText className="pyn-stream" text={plain} />;
  return <div className="pyn-note">A display of {Object.keys(bundle).join(', ') || 'nothing'}: nothing here can show it.</div>;
}

function DataTable({ table }: { table: NonNullable<ReturnType<typeof tableFromHtml>> }) {
  return (
    <div className="pyn-table-wrap">
      {table.caption && <div className="pyn-table-caption">{table.caption}</div>}
      <table className="pyn-table">
        <thead>
          <tr>{table.columns.map((column, index) => <th key={index} scope="col">{column}{table.types?.[index] ? <span className="pyn-type">{table.types[index]}</span> : null}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => <tr key={r}>{row.map((cell, c) => <td key={c}>{cell}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}
