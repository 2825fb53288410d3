// The Connect-account dialog: a new account per network (issue #13; a consent that brings back an account
// already here reconnects it), and R9: accounts disconnected for more than 90 days are not in the table;
// the dialog lists them pre-selected and greyed, and Continue reconnects them (R4/R5 decide what comes back).
import { useEffect, useRef } from 'preact/hooks';
import type { Network } from '../../core/schemas.ts';
import { relativeTime } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { connectText } from '../lib/standalone.ts';
import type { SettingsAccount, SettingsView } from '../lib/types.ts';
import { ConnectNetworks } from './ConnectNetworks.tsx';
import { NetworkIcon } from './NetworkIcon.tsx';

export interface ConnectDialogProps {
  hidden: SettingsAccount[];
  mode: SettingsView['mode'];
  now: number;
  locale: string;
  onContinue: (accounts: string[]) => void;
  onConnect: (network: Network) => void;
  onClose: () => void;
}

export function ConnectDialog({
  hidden,
  mode,
  now,
  locale,
  onContinue,
  onConnect,
  onClose,
}: ConnectDialogProps) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="connect-title"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <h2 id="connect-title">{t('connectAccount')}</h2>
      <ConnectNetworks
        text={{ ...connectText(mode), title: t('connectNewAccount') }}
        busy={null}
        onConnect={onConnect}
      />
      {hidden.length > 0 && (
        <>
          <p id="connect-intro">{t('connectIntro')}</p>
          <ul class="hidden-accounts" aria-describedby="connect-intro">
            {hidden.map((a) => (
              <li key={a.id}>
                <label class="greyed">
                  <input type="checkbox" checked disabled />
                  <NetworkIcon network={a.network} />
                  {t('connectHiddenSince', a.name, relativeTime(a.disconnectedAt ?? now, now, locale))}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="buttons">
        {hidden.length > 0 && (
          <button
            type="button"
            class="primary"
            ref={first}
            onClick={() => onContinue(hidden.filter((a) => a.canReconnect).map((a) => a.id))}
          >
            {t('connectContinue')}
          </button>
        )}
        <button type="button" ref={hidden.length === 0 ? first : undefined} onClick={onClose}>
          {t('connectClose')}
        </button>
      </div>
    </div>
  );
}
