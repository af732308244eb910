import type { NodePanelDefinition } from '../registry';
import { FormulaPanel } from './Panel';

export const formulaPanel: NodePanelDefinition = { type: 'formula', Panel: FormulaPanel };
