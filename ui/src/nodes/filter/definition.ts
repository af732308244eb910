import type { NodePanelDefinition } from '../registry';
import { FilterPanel } from './Panel';

export const filterPanel: NodePanelDefinition = { type: 'filter', Panel: FilterPanel };
