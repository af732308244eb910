import type { NodePanelDefinition } from '../registry';
import { SelectPanel } from './Panel';

export const selectPanel: NodePanelDefinition = { type: 'select', Panel: SelectPanel };
