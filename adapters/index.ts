// The adapter registry: one adapter per network, keyed by core's Network id (file name = id).
import type { Network } from '../core/schemas.ts';
import { facebook } from './facebook.ts';
import { instagram } from './instagram.ts';
import { linkedin } from './linkedin.ts';
import type { NetworkAdapter } from './types.ts';
import { x } from './x.ts';
import { youtube } from './youtube.ts';

export const ADAPTERS: Record<Network, NetworkAdapter> = { facebook, instagram, x, linkedin, youtube };

export type { Classifier } from './classify.ts';
export {
  type AccountRef,
  type Connections,
  type ConnectionsOptions,
  createConnections,
  createPkce,
  createState,
  type TokenStore,
} from './connection.ts';
export { classifyFacebook } from './facebook.ts';
export { classifyInstagram } from './instagram.ts';
export { classifyLinkedIn } from './linkedin.ts';
export type * from './types.ts';
export { classifyX } from './x.ts';
export { classifyYouTube } from './youtube.ts';
