// Log lines in the reader's language. The core's `log` effects (and the lines the extension adds: checks,
// alerts, simulated faults) carry a message key and parameters; here each becomes `log_<key>` from the
// catalogue with its parameters in words: instants through Intl in the reader's language and time zone
// ("2 December at 06:55"), people and accounts by display name, reasons, outcomes and settings in the
// catalogue's vocabulary. Lines stored before keys existed keep their English text.
import { INSTANT_PARAMS, type LogKey } from '../../core/messages.ts';
import type { DisconnectReason, Network } from '../../core/schemas.ts';
import { andList, type Clock, moment } from './format.ts';
import { type MessageKey, t } from './i18n.ts';
import { NETWORK_LABEL, reasonText } from './present.ts';
import { type Names, named } from './refusal.ts';
import { ACCESS_LABEL, FREQUENCY_LABEL } from './settings.ts';
import { FAULT_LABEL } from './sim-labels.ts';
import type { LogEntry } from './types.ts';

/** Lines the extension adds to the core's: a check's outcome, an R6 alert, a fault the simulator injected. */
export type ExtensionLogKey = 'check' | 'alertSent' | 'injected' | 'injectedFor';

/**
 * Each key's parameters in the order of the catalogue's $1, $2, ... (`log_<key>`; test/extension/
 * locales.test.ts holds the catalogues to it). Ids with nothing better to say (a post id, the user lists of
 * an access change) are left out: the line says what happened without them.
 */
export const LOG_PARAMS: Record<LogKey | ExtensionLogKey, readonly string[]> = {
  connected: ['by'],
  disconnected: ['reason', 'cancelled'],
  reconnected: ['by', 'restored', 'missed'],
  freshReconnect: ['by'],
  refreshed: ['by', 'due'],
  refreshedNoDue: ['by'],
  accessSet: ['access', 'by'],
  accessListSet: ['by'],
  defaultOn: ['by'],
  defaultOff: ['by'],
  autopublishOn: ['blog'],
  autopublishOff: [],
  brandSet: ['brand'],
  brandRemoved: [],
  digestSet: ['user', 'frequency', 'monthlyReport'],
  blogPostQueued: ['title', 'at'],
  blogPostNotShared: ['title'],
  published: [],
  publishRetry: ['outcome', 'retryAt'],
  reminder: ['due'],
  lapsed: ['lost'],
  checkTransient: ['outcome', 'retryAt'],
  renewed: [],
  renewRefused: ['reason'],
  renewFailed: ['outcome'],
  renewRetry: ['outcome', 'retryAt'],
  check: ['outcome'],
  alertSent: [],
  injected: ['network', 'fault'],
  injectedFor: ['network', 'fault', 'amount'],
};

export const OUTCOME_LABEL: Record<string, MessageKey> = {
  ok: 'outcomeOk',
  'auth-error': 'outcomeAuthError',
  'rate-limited': 'outcomeRateLimited',
  unavailable: 'outcomeUnavailable',
  'network-error': 'outcomeNetworkError',
};

type Params = Record<string, string | number>;

/** Parameters that are vocabulary: the catalogue's word for the value (the value itself if it has none). */
const label = (table: Record<string, MessageKey>, v: string) => (table[v] ? t(table[v]) : v);
const VOCABULARY: Record<string, (value: string, params: Params) => string> = {
  reason: (v, p) => reasonText(v as DisconnectReason, String(p.network) as Network),
  outcome: (v) => label(OUTCOME_LABEL, v),
  access: (v) => label(ACCESS_LABEL, v),
  frequency: (v) => label(FREQUENCY_LABEL, v),
  monthlyReport: (v) => t(v === 'on' ? 'wordOn' : 'wordOff'),
  network: (v) => label(NETWORK_LABEL, v),
  fault: (v) => label(FAULT_LABEL, v),
};

export interface LogContext extends Clock {
  names: Names;
  /** Dates in this year leave the year out. */
  now: number;
}

function word(name: string, params: Params, ctx: LogContext): string {
  const value = params[name];
  if (value === undefined) return '';
  if (INSTANT_PARAMS.has(name)) return moment(Number(value), ctx, ctx.now);
  const vocabulary = VOCABULARY[name];
  if (vocabulary) return vocabulary(String(value), params);
  return named(name, String(value), ctx.names);
}

/** R6: "Sent to Ada and Ben." */
export function sentTo(recipients: readonly string[], ctx: LogContext): string {
  return t(
    'logSentTo',
    andList(
      recipients.map((id) => named('user', id, ctx.names)),
      ctx.locale,
    ),
  );
}

/** The line in the reader's language; its English text when the key is unknown here (a newer core). */
export function logText(entry: LogEntry, ctx: LogContext): string {
  const order = entry.key ? LOG_PARAMS[entry.key as keyof typeof LOG_PARAMS] : undefined;
  if (!order) {
    // Simulated faults were stored as "<fault> [amount]" before lines had keys.
    const fault = FAULT_LABEL[entry.message.split(' ')[0] as keyof typeof FAULT_LABEL];
    return entry.source === 'simulator' && fault ? t(fault) : entry.message;
  }
  const key = `log_${entry.key}` as MessageKey;
  const text = t(key, ...order.map((name) => word(name, entry.params ?? {}, ctx)));
  if (text === key) return entry.message;
  return entry.recipients?.length ? `${text} ${sentTo(entry.recipients, ctx)}` : text;
}

const SOURCE_LABEL: Record<string, MessageKey> = {
  user: 'logSourceUser',
  rule: 'logSourceRule',
  schedule: 'logSourceSchedule',
  scenario: 'logSourceScenario',
  simulator: 'logSourceSimulator',
};

/** What triggered a line, in words. */
export function sourceText(source: string): string {
  return SOURCE_LABEL[source] ? t(SOURCE_LABEL[source]) : source;
}
