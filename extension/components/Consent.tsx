// A neutral consent screen naming the network and the account, with Allow and Cancel (simulation only:
// it stands in for the network's own page, see simulation/consent.ts). A connect's page also lets the
// tester sign in as one of the team's accounts on that network, which makes the connect its reconnect.
import { useEffect, useState } from 'preact/hooks';
import type { Network } from '../../core/schemas.ts';
import { t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';
import type { Request } from '../lib/protocol.ts';
import type { Reply } from '../lib/wire.ts';

export interface ConsentProps {
  request: string;
  network: string;
  name: string;
  handle: string;
  /** A connect: the team's accounts on the network, any of which may sign in instead of a new user. */
  others?: Array<{ id: string; name: string }>;
  send: (request: Request) => Promise<Reply>;
  close: () => Promise<void>;
}

/** Chrome stops an idle service worker after 30 s; the background waits for this page's answer. */
const KEEP_ALIVE_MS = 20_000;
/** Long enough to read the outcome before the tab closes. */
const CLOSE_AFTER_MS = 800;

export function Consent({ request, network, name, handle, others = [], send, close }: ConsentProps) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const [as, setAs] = useState('');
  const label = network in NETWORK_LABEL ? t(NETWORK_LABEL[network as Network]) : network;

  useEffect(() => {
    const timer = setInterval(() => void send({ type: 'ping' }).catch(() => undefined), KEEP_ALIVE_MS);
    return () => clearInterval(timer);
  }, [send]);

  const answer = async (allow: boolean) => {
    const reply = await send({ type: 'consent-answer', request, allow, ...(as ? { as } : {}) });
    setOutcome(reply.ok ? t(allow ? 'consentDone' : 'consentCancelled') : reply.message);
    if (reply.ok) setTimeout(() => void close(), CLOSE_AFTER_MS);
  };

  return (
    <main class="card">
      <h1>{t('consentHeading', label)}</h1>
      <p>{t('consentBody', name, label)}</p>
      {handle && <p>{t('consentAccount', handle)}</p>}
      {others.length > 0 && (
        <label>
          {t('consentSignInAs', label)}
          <select value={as} onChange={(e) => setAs(e.currentTarget.value)}>
            <option value="">{t('consentNewUser', name)}</option>
            {others.map((o) => (
              <option value={o.id} key={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {outcome ? (
        <p role="status">{outcome}</p>
      ) : (
        <div class="buttons">
          <button type="button" class="primary" onClick={() => void answer(true)}>
            {t('consentAllow')}
          </button>
          <button type="button" onClick={() => void answer(false)}>
            {t('consentCancel')}
          </button>
        </div>
      )}
      <p class="note">{t('consentNote')}</p>
    </main>
  );
}
