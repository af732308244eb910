/**
 * Which field of a bespoke panel shows which problem: each problem goes to the deepest listed
 * field path that contains it (`keys[0].left` → the `keys[0].left` picker, or the `keys[0]` row,
 * or the `keys` section), the rest is shown at the top of the panel. Pure.
 */
import { formatPath, isPathWithin, parsePath, type FieldProblem } from '../../forms/paths';

export interface ProblemAssignment {
  /** Problems by the field path (canonical text) that shows them. */
  byField: Map<string, FieldProblem[]>;
  /** Problems no listed field contains. */
  unassigned: FieldProblem[];
}

export function assignProblems(problems: readonly FieldProblem[], fields: Iterable<string>): ProblemAssignment {
  const candidates = [...new Set([...fields].map((field) => formatPath(field)))].map((field) => ({ field, depth: parsePath(field).length }));
  const byField = new Map<string, FieldProblem[]>();
  const unassigned: FieldProblem[] = [];
  for (const raw of problems) {
    const problem = { ...raw, path: formatPath(raw.path ?? '') };
    let best: { field: string; depth: number } | undefined;
    for (const candidate of candidates) {
      if (isPathWithin(problem.path, candidate.field) && (!best || candidate.depth > best.depth)) best = candidate;
    }
    if (!best) {
      unassigned.push(problem);
      continue;
    }
    const list = byField.get(best.field);
    if (list) list.push(problem);
    else byField.set(best.field, [problem]);
  }
  return { byField, unassigned };
}

/** The problems inside any of the given top-level properties (for the generic rest form), and the others. */
export function splitByProperties(problems: readonly FieldProblem[], properties: Iterable<string>): { inside: FieldProblem[]; outside: FieldProblem[] } {
  const names = new Set(properties);
  const inside: FieldProblem[] = [];
  const outside: FieldProblem[] = [];
  for (const problem of problems) {
    const first = parsePath(problem.path ?? '')[0];
    if (typeof first === 'string' && names.has(first)) inside.push(problem);
    else outside.push(problem);
  }
  return { inside, outside };
}

/** A label for where inside a field a problem is: `Item 2` for `values[1]` under `values`, else null. */
export function relativeWhere(problemPath: string, fieldPath: string): string | null {
  const rest = parsePath(problemPath).slice(parsePath(fieldPath).length);
  if (rest.length === 0) return null;
  return rest.map((segment) => (typeof segment === 'number' ? `item ${segment + 1}` : segment.replace(/_/g, ' '))).join(' › ');
}
