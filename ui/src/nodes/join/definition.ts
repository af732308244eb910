import type { NodePanelDefinition } from '../registry';
import { JoinPanel } from './Panel';

export const joinPanel: NodePanelDefinition = { type: 'join', Panel: JoinPanel };
