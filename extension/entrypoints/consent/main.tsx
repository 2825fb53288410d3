// The simulation's consent page: wiring only; the screen is components/Consent.tsx.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Consent } from '../../components/Consent.tsx';
import { locale, t } from '../../lib/i18n.ts';
import type { Reply } from '../../lib/wire.ts';

const params = new URLSearchParams(location.search);
document.documentElement.lang = locale();
document.title = t('consentHeading', params.get('network') ?? '');
render(
  <Consent
    request={params.get('request') ?? ''}
    network={params.get('network') ?? ''}
    name={params.get('name') ?? ''}
    handle={params.get('handle') ?? ''}
    send={(request) => browser.runtime.sendMessage(request) as Promise<Reply>}
    close={async () => {
      const tab = await browser.tabs.getCurrent();
      if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
    }}
  />,
  document.getElementById('app')!,
);
