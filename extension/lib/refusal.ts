// A refused action in the reader's language. The core says no with a rule id, an English `message` and a
// `key` + `params` (core/messages.ts); the catalogue carries `msg_<key>` whose $PLACEHOLDERS$ are the
// template's {params} in the order they first appear, so the params are passed in that order. A key the
// catalogue lacks (a newer core) falls back to the English message rather than showing nothing.
// No internal id reaches the reader: params naming a user are shown as that user's display name, and the
// catalogue leaves out params that can only be ids (an account the core could not find, a post id).
import { MESSAGES, REFERENCE_PARAMS } from '../../core/messages.ts';
import { orList } from './format.ts';
import { locale, type MessageKey, t } from './i18n.ts';

export interface Refusal {
  rule?: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

/** Display names by id, for params that name a user or an account. */
export interface Names {
  users?: Readonly<Record<string, string>>;
  accounts?: Readonly<Record<string, string>>;
}

/** The display names a popup view carries: every user, and the accounts it lists. */
export function namesOf(view: {
  users: Readonly<Record<string, string>>;
  accounts: ReadonlyArray<{ id: string; name: string }>;
}): Names {
  const accounts: Record<string, string> = {};
  for (const a of view.accounts) accounts[a.id] = a.name;
  return { users: view.users, accounts };
}

const order = new Map<string, string[]>();

/** Params a message never shows: ids with nothing better to say (the catalogue words around them). */
const idOnly = (name: string) => REFERENCE_PARAMS[name] === 'account' || REFERENCE_PARAMS[name] === 'post';

/** The template's {params} in first-appearance order, ids left out: the catalogue's $1, $2, ... */
export function paramOrder(key: keyof typeof MESSAGES): string[] {
  let names = order.get(key);
  if (!names) {
    names = [...new Set([...MESSAGES[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].filter(
      (name) => !idOnly(name),
    );
    order.set(key, names);
  }
  return names;
}

/** Params that are vocabulary rather than names are translated too (S5's plan). */
const VOCABULARY: Record<string, Record<string, MessageKey>> = {
  plan: { professional: 'planProfessional', enterprise: 'planEnterprise' },
};

/**
 * Params holding several user ids joined by ", " (R8: the super admins to ask, core/messages.ts). Shown as
 * "Ada or Ben" when every one of them is a known user; a value that is already names stays as it is.
 */
const USER_LISTS = new Set(['admins']);

/** A user's or account's display name for a param that holds its id; other values as they are. */
export function named(param: string, value: string, names: Names = {}): string {
  const kind = REFERENCE_PARAMS[param];
  if (kind === 'user') return names.users?.[value] ?? value;
  if (kind === 'account') return names.accounts?.[value] ?? value;
  if (USER_LISTS.has(param) && names.users) {
    const users = names.users;
    const ids = value.split(', ');
    if (ids.every((id) => id in users))
      return orList(
        ids.map((id) => users[id]!),
        locale(),
      );
  }
  return value;
}

export function refusalText(r: Refusal, names?: Names): string {
  if (!r.key || !(r.key in MESSAGES)) return r.message;
  const key = r.key as keyof typeof MESSAGES;
  const params = r.params ?? {};
  const values = paramOrder(key).map((name) => {
    const value = String(params[name] ?? '');
    const word = VOCABULARY[name]?.[value];
    return word ? t(word) : named(name, value, names);
  });
  const name = `msg_${key}` as MessageKey;
  const text = t(name, ...values);
  return text === name ? r.message : text;
}

/** "Not saved (S5): …": the rule id stays visible, so a tester can trace the refusal to rules.md. */
export function refusalLine(r: Refusal, names?: Names): string {
  return r.rule ? t('refused', r.rule, refusalText(r, names)) : refusalText(r, names);
}
