import type { NodePanelDefinition } from '../registry';
import { PivotPanel } from './Panel';

export const pivotPanel: NodePanelDefinition = { type: 'pivot', Panel: PivotPanel };
