import type { NodePanelDefinition } from '../registry';
import { ReadCsvPanel } from './Panel';

export const readCsvPanel: NodePanelDefinition = { type: 'read_csv', Panel: ReadCsvPanel };
