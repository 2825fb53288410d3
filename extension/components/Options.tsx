// Real mode's OAuth client registrations and the redirect URL of each browser to register with the network,
// with copy buttons (the settings page's "Network client ids" tab). Client ids only: the extension never
// holds an app secret (issue #16), so only the networks that connect without one are here, and the page
// says how the others connect (the team server).
import { useState } from 'preact/hooks';
import type { Network } from '../../core/schemas.ts';
import { t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';
import type { Request } from '../lib/protocol.ts';
import { STANDALONE } from '../lib/standalone.ts';
import { BROWSER_NAME, type RedirectUrl } from '../lib/stores.ts';
import type { ClientSettings } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';

export interface OptionsProps {
  initial: ClientSettings;
  /** Chrome's and Firefox's (lib/stores.ts). */
  redirects: RedirectUrl[];
  send: (request: Request) => Promise<Reply>;
  copy?: (text: string) => Promise<void>;
}

/** Only the networks that connect without an app secret have a client id here (lib/standalone.ts). */
const NETWORKS = (Object.keys(NETWORK_LABEL) as Network[]).filter((n) => STANDALONE[n]);

export function Options({ initial, redirects, send, copy }: OptionsProps) {
  const [clients, setClients] = useState<ClientSettings>(initial);
  const [status, setStatus] = useState<string | null>(null);
  const edit = (network: Network, value: string) => {
    setStatus(null);
    setClients({ ...clients, [network]: { clientId: value.trim() } });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const reply = await send({ type: 'set-clients', clients });
    setStatus(reply.ok ? t('optionsSaved') : reply.message);
  };
  const copyUrl = async (url: string) => {
    await (copy ?? ((text) => navigator.clipboard.writeText(text)))(url);
    setStatus(t('copied'));
  };
  return (
    <section aria-labelledby="options-title">
      <h2 id="options-title">{t('optionsTitle')}</h2>
      <p>{t('optionsIntro')}</p>
      {redirects.map((r) => {
        const label = t('redirectUrlFor', BROWSER_NAME[r.browser]);
        const name = r.current ? t('thisBrowser', label) : label;
        return r.url ? (
          <p class="redirect" key={r.browser}>
            <label>
              {name}
              <input readOnly value={r.url} />
            </label>
            <button type="button" aria-label={t('copyWhat', label)} onClick={() => void copyUrl(r.url!)}>
              {t('copy')}
            </button>
          </p>
        ) : (
          <p class="redirect" key={r.browser}>
            <span class="label">{name}</span> <span class="why">{t('redirectUrlChromeUnknown')}</span>
          </p>
        );
      })}
      <form onSubmit={save}>
        {NETWORKS.map((n) => (
          <fieldset key={n}>
            <legend>{t(NETWORK_LABEL[n])}</legend>
            <label>
              {t('optionsClientId')}
              <input
                value={clients[n]?.clientId ?? ''}
                onInput={(e) => edit(n, e.currentTarget.value)}
                autocomplete="off"
              />
            </label>
          </fieldset>
        ))}
        <p class="why">{t('connectNeedsServer')}</p>
        <button type="submit">{t('optionsSave')}</button>
        {status && <p role="status">{status}</p>}
      </form>
    </section>
  );
}
