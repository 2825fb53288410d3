// "Connect account" per network (issue #13 finding 1): in the popup's empty state and in the settings
// page's Connect-account dialog. Production offers the networks that connect from the extension alone and
// says how the others connect (lib/standalone.ts); components/first-screen-dom.ts draws the popup's copy.
import type { Network } from '../../core/schemas.ts';
import type { ConnectText } from '../lib/standalone.ts';

export interface ConnectNetworksProps {
  text: ConnectText;
  /** The network whose consent is open: its button waits. */
  busy: Network | null;
  onConnect: (network: Network) => void;
}

export function ConnectNetworks({ text, busy, onConnect }: ConnectNetworksProps) {
  return (
    <section class="connect" aria-labelledby="connect-networks">
      <h2 id="connect-networks">{text.title}</h2>
      <div class="buttons">
        {text.networks.map((n) => (
          <button
            type="button"
            key={n.network}
            data-network={n.network}
            disabled={busy !== null}
            onClick={() => onConnect(n.network)}
          >
            {n.label}
          </button>
        ))}
      </div>
      {text.note && <p class="connect-note">{text.note}</p>}
    </section>
  );
}
