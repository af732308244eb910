import { describe, expect, it } from 'vitest';
import { plotlyFigure } from './PlotlyFigure';

describe('plotly figures', () => {
  it('reads a figure from an object or its JSON text, and nothing else', () => {
    expect(plotlyFigure({ data: [{ type: 'bar', x: [1], y: [2] }], layout: { title: { text: 't' } } }))
      .toEqual({ data: [{ type: 'bar', x: [1], y: [2] }], layout: { title: { text: 't' } } });
    expect(plotlyFigure('{"data": [], "layout": null}')).toEqual({ data: [], layout: {} });
    expect(plotlyFigure('{"data": {}}')).toBeUndefined();
    expect(plotlyFigure('not json')).toBeUndefined();
    expect(plotlyFigure(undefined)).toBeUndefined();
  });
});
