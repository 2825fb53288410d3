// A network's mark as a coloured letter badge: no image fetch, no brand assets to license.
import type { Network } from '../../core/schemas.ts';
import { NETWORK_LETTER } from '../lib/first-screen.ts';
import { t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';

/** Colours live in style.css (`.net.<network>`): a class is cheaper than an inline style per row. */
export function NetworkIcon({ network }: { network: Network }) {
  return (
    <span class={`net ${network}`} role="img" aria-label={t(NETWORK_LABEL[network])}>
      {NETWORK_LETTER[network]}
    </span>
  );
}
