// S7: the inbox digest frequency and the monthly report, each saved at once through core, with a live
// preview of which accounts the digest includes and why the others are left out, then the digest itself as
// the email renderer writes it (lib/digest-preview.tsx), in this page's language and the browser's zone.
import type { DigestFrequency } from '../../core/schemas.ts';
import { digestPreview, EmailPreview } from '../lib/digest-preview.tsx';
import { locale, t } from '../lib/i18n.ts';
import { NETWORK_LABEL } from '../lib/present.ts';
import type { Request } from '../lib/protocol.ts';
import { FREQUENCY_LABEL } from '../lib/settings.ts';
import type { SettingsView } from '../lib/types.ts';

export interface DigestTabProps {
  view: SettingsView;
  send: (request: Request) => void;
}

const FREQUENCIES = Object.keys(FREQUENCY_LABEL) as DigestFrequency[];

export function DigestTab({ view, send }: DigestTabProps) {
  const { frequency, monthlyReport } = view.me.digest;
  const names = new Map([...view.accounts, ...view.hidden].map((a) => [a.id, a]));
  const rows = view.digest.accounts.filter((d) => names.has(d.account));
  const email = digestPreview(view, locale(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const why = (d: (typeof rows)[number]) => {
    if (d.inclusion !== 'included') return t('digestNotEveryone');
    const net = names.get(d.account)!.network;
    const notes = [t('digestIncluded')];
    if (!d.interactions) notes.push(t('digestNoInteractions', t(NETWORK_LABEL[net])));
    if (d.followers) notes.push(t('digestFollowers'));
    return notes.join('; ');
  };
  return (
    <section aria-labelledby="digest-title">
      <fieldset>
        <legend id="digest-title">{t('digestInbox')}</legend>
        {FREQUENCIES.map((f) => (
          <label key={f}>
            <input
              type="radio"
              name="frequency"
              value={f}
              checked={frequency === f}
              onChange={() => send({ type: 'set-digest', frequency: f, monthlyReport })}
            />
            {t(FREQUENCY_LABEL[f])}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('digestReports')}</legend>
        <label>
          <input
            type="checkbox"
            checked={monthlyReport}
            onChange={(e) => send({ type: 'set-digest', frequency, monthlyReport: e.currentTarget.checked })}
          />
          {t('digestMonthly')}
        </label>
      </fieldset>
      <h2>{t('digestPreview')}</h2>
      {frequency === 'off' ? (
        <p class="digest-off">{t('digestOff')}</p>
      ) : (
        <>
          <ul class="digest-preview">
            {rows.map((d) => (
              <li key={d.account} data-inclusion={d.inclusion}>
                {t('digestAccountLine', names.get(d.account)!.name, why(d))}
              </li>
            ))}
          </ul>
          {email && <EmailPreview doc={email} />}
        </>
      )}
    </section>
  );
}
