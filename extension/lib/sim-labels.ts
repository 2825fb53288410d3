// Words for the simulator panel: fault names and the date-time format of the simulated clock.
import type { MessageKey } from './i18n.ts';
import type { SimFault } from './protocol.ts';

export const FAULT_LABEL: Record<SimFault, MessageKey> = {
  revoke: 'faultRevoke',
  'expire-token': 'faultExpire',
  security: 'faultSecurity',
  inactive: 'faultInactive',
  'delete-account': 'faultDelete',
  outage: 'faultOutage',
  'rate-limit': 'faultRateLimit',
  respond: 'faultRespond',
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** "23 Nov 2026, 14:05" in the browser's locale. */
export function dateTime(at: number, locale: string): string {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    formats.set(locale, f);
  }
  return f.format(at);
}

/** Parses the raw-response JSON body; the error names what is wrong. */
export function parseBody(text: string): { ok: true; body: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
