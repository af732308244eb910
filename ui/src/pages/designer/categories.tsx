// A node type's look: an icon per palette category, and what a node's state reads as.
import { Combine, Download, FileCode2, Filter, Sigma, Upload, type LucideIcon } from 'lucide-react';

export const CATEGORY_ORDER = ['input', 'transform', 'combine', 'aggregate', 'script', 'output'];

export const CATEGORY_TITLES: Record<string, string> = {
  input: 'Input',
  transform: 'Transform',
  combine: 'Combine',
  aggregate: 'Aggregate',
  script: 'Script',
  output: 'Output',
};

const CATEGORY_ICONS: Record<string, LucideIcon> = {
  input: Download,
  transform: Filter,
  combine: Combine,
  aggregate: Sigma,
  script: FileCode2,
  output: Upload,
};

export function categoryIcon(category: string | undefined): LucideIcon {
  return CATEGORY_ICONS[category ?? ''] ?? Filter;
}
