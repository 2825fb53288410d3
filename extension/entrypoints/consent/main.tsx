// The simulation's consent page: wiring only; the screen is components/Consent.tsx.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Consent } from '../../components/Consent.tsx';
import { locale, t } from '../../lib/i18n.ts';
import type { Reply } from '../../lib/wire.ts';

const params = new URLSearchParams(location.search);

/** The team's accounts a connect's page may sign in as (simulation/consent.ts), or none. */
function othersOf(raw: string | null): Array<{ id: string; name: string }> {
  try {
    const list: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(list)
      ? list.filter((o) => typeof o?.id === 'string' && typeof o?.name === 'string')
      : [];
  } catch {
    return [];
  }
}
document.documentElement.lang = locale();
document.title = t('consentHeading', params.get('network') ?? '');
render(
  <Consent
    request={params.get('request') ?? ''}
    network={params.get('network') ?? ''}
    name={params.get('name') ?? ''}
    handle={params.get('handle') ?? ''}
    others={othersOf(params.get('others'))}
    send={(request) => browser.runtime.sendMessage(request) as Promise<Reply>}
    close={async () => {
      const tab = await browser.tabs.getCurrent();
      if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
    }}
  />,
  document.getElementById('app')!,
);
