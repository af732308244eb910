import type { NodePanelDefinition } from '../registry';
import { SortPanel } from './Panel';

export const sortPanel: NodePanelDefinition = { type: 'sort', Panel: SortPanel };
