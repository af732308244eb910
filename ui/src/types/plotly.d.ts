// The part of plotly.js's API the UI uses (the package ships no types).
declare module 'plotly.js-dist-min' {
  export function newPlot(root: HTMLElement, data: unknown[], layout?: Record<string, unknown>, config?: Record<string, unknown>): Promise<unknown>;
  export function purge(root: HTMLElement): void;
}
