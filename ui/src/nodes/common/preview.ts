/** Fetching previews of a draft's nodes for panels, and reading them. */
import { api, call } from '../../api/client';
import { documentOf, type DraftView, type PreviewDto } from '../../api/types';
import { MAIN_PORT, parseEndpoint } from '../../graph';

export async function fetchPreview(draftId: string, node: string, port: string = MAIN_PORT, limit = 10): Promise<PreviewDto> {
  return call(api.POST('/api/drafts/{id}/preview', { params: { path: { id: draftId } }, body: { node, port, limit } }));
}

/** The node and port feeding an input port of a node (the first edge), or undefined. */
export function upstreamOf(draft: DraftView, node: string, port: string = MAIN_PORT): { node: string; port: string } | undefined {
  for (const edge of documentOf(draft).edges ?? []) {
    const to = parseEndpoint(edge.to);
    if (to.node === node && to.port === port) {
      const from = parseEndpoint(edge.from);
      return { node: from.node, port: from.port };
    }
  }
  return undefined;
}

/** The distinct non-null values of a column in preview rows, as text, in natural order. */
export function distinctValues(preview: Pick<PreviewDto, 'columns' | 'rows'>, column: string): string[] {
  const columns = preview.columns ?? [];
  let at = columns.findIndex((c) => c.name === column);
  if (at < 0) at = columns.findIndex((c) => (c.name ?? '').toLowerCase() === column.toLowerCase());
  if (at < 0) return [];
  const seen = new Set<string>();
  for (const row of preview.rows ?? []) {
    const value = Array.isArray(row) ? row[at] : undefined;
    if (value === null || value === undefined) continue;
    seen.add(typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
