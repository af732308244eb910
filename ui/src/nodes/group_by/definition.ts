import type { NodePanelDefinition } from '../registry';
import { GroupByPanel } from './Panel';

export const groupByPanel: NodePanelDefinition = { type: 'group_by', Panel: GroupByPanel };
