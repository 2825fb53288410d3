// The OAuth flow's words (runtime/flow.ts keys) from the extension's catalogue, in the reader's language.
import type { FlowWords } from '../../runtime/flow.ts';
import { t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';

/** Each `flow*` message takes the network's name, then the detail or the minutes. */
export const flowWords: FlowWords = (key, params) =>
  t(key, t(NETWORK_LABEL[params.network]), params.detail ?? params.minutes ?? '');
