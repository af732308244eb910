/**
 * A Plotly figure (the `application/vnd.plotly.v1+json` MIME type: `{data, layout}`) drawn with
 * plotly.js, loaded only when a figure is shown (it is several MB). Nothing is fetched from a CDN.
 */
import { useEffect, useRef, useState } from 'react';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

interface Figure {
  data: unknown[];
  layout: Record<string, unknown>;
}

/** The figure in a display's value (an object, or its JSON text), or undefined when it is not one. */
export function plotlyFigure(value: unknown): Figure | undefined {
  let figure = value;
  if (typeof figure === 'string') {
    try {
      figure = JSON.parse(figure);
    } catch {
      return undefined;
    }
  }
  if (typeof figure !== 'object' || figure === null || !Array.isArray((figure as { data?: unknown }).data)) return undefined;
  const layout = (figure as { layout?: unknown }).layout;
  return { data: (figure as { data: unknown[] }).data, layout: typeof layout === 'object' && layout !== null ? (layout as Record<string, unknown>) : {} };
}

export function PlotlyFigure(props: { figure: Figure; title?: string; className?: string }) {
  const root = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string>();
  const { figure } = props;

  useEffect(() => {
    const element = root.current;
    if (!element) return undefined;
    let current = true;
    let drawn: typeof import('plotly.js-dist-min') | undefined;
    import('plotly.js-dist-min')
      .then((plotly) => {
        if (!current) return undefined;
        drawn = plotly;
        return plotly.newPlot(element, figure.data, { autosize: true, ...figure.layout },
          { responsive: true, displaylogo: false });
      })
      .catch((cause: unknown) => { if (current) setFailure(cause instanceof Error ? cause.message : String(cause)); });
    return () => {
      current = false;
      if (drawn) drawn.purge(element);
    };
  }, [figure]);

  return (
    <div className={props.className}>
      <div ref={root} className="plotly-figure" role="img" aria-label={props.title ?? 'Plotly chart'} data-testid="plotly-figure" />
      {failure && <p className="error-text">The chart could not be drawn: {failure}</p>}
    </div>
  );
}
