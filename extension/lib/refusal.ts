// A refused action in the reader's language. The core says no with a rule id, an English `message` and a
// `key` + `params` (core/messages.ts); the catalogue carries `msg_<key>` whose $PLACEHOLDERS$ are the
// template's {params} in the order they first appear, so the params are passed in that order. A key the
// catalogue lacks (a newer core) falls back to the English message rather than showing nothing.
import { MESSAGES } from '../../core/messages.ts';
import { type MessageKey, t } from './i18n.ts';

export interface Refusal {
  rule?: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

const order = new Map<string, string[]>();

/** The template's {params} in first-appearance order: the catalogue's $1, $2, ... */
export function paramOrder(key: keyof typeof MESSAGES): string[] {
  let names = order.get(key);
  if (!names) {
    names = [...new Set([...MESSAGES[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
    order.set(key, names);
  }
  return names;
}

/** Params that are vocabulary rather than names are translated too (S5's plan). */
const VOCABULARY: Record<string, Record<string, MessageKey>> = {
  plan: { professional: 'planProfessional', enterprise: 'planEnterprise' },
};

export function refusalText(r: Refusal): string {
  if (!r.key || !(r.key in MESSAGES)) return r.message;
  const key = r.key as keyof typeof MESSAGES;
  const params = r.params ?? {};
  const values = paramOrder(key).map((name) => {
    const value = String(params[name] ?? '');
    const word = VOCABULARY[name]?.[value];
    return word ? t(word) : value;
  });
  const name = `msg_${key}` as MessageKey;
  const text = t(name, ...values);
  return text === name ? r.message : text;
}

/** "Not saved (S5): …": the rule id stays visible, so a tester can trace the refusal to rules.md. */
export function refusalLine(r: Refusal): string {
  return r.rule ? t('refused', r.rule, refusalText(r)) : refusalText(r);
}
