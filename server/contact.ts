// A member's email contact (issue #17): an optional address, the language the emails are written in (BCP 47:
// en, nb/nn/no, nl) and the IANA time zone their dates and the digests' 08:00 are in. Set at join and later
// by the member themselves (PATCH /api/me); kept on the members row, never in the team's State.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { LANGUAGES, languageOf } from '../runtime/email/index.ts';
import type { Database } from './db/types.ts';
import type { Tx } from './teams.ts';

type Db = Kysely<Database> | Tx;

/** Issue #17: where, in which language and in which zone a member reads their email (all optional). */
export const Contact = z.strictObject({
  email: z.email({ error: 'expected an email address' }).max(254).nullable().optional(),
  /** BCP 47 in a language the emails are written in (en, nb/nn/no, nl): 'nb-NO', 'en-GB', 'nl'. */
  locale: z
    .string()
    .max(35)
    .refine((tag) => canonicalLocale(tag) !== null, {
      error: `expected a language tag in one of the email languages (${LANGUAGES.join(', ')}), e.g. "nb-NO"`,
    })
    .transform((tag) => canonicalLocale(tag)!)
    .optional(),
  /** IANA, e.g. 'Europe/Oslo': the dates in emails and the digests' 08:00. */
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => canonicalZone(zone) !== null, {
      error: 'expected an IANA time zone, e.g. "Europe/Oslo"',
    })
    .transform((zone) => canonicalZone(zone)!)
    .nullable()
    .optional(),
});
export type Contact = z.infer<typeof Contact>;

function canonicalLocale(tag: string): string | null {
  try {
    const canonical = Intl.getCanonicalLocales(tag)[0];
    const primary = canonical?.toLowerCase().split('-')[0];
    // languageOf reads anything else as English: only tags that really are one of the languages pass.
    return canonical && (primary === 'en' || languageOf(canonical) !== 'en') ? canonical : null;
  } catch {
    return null;
  }
}

function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The member's contact; only the fields given change (null clears an address or a zone). */
export async function setContact(db: Db, teamId: string, user: string, contact: Contact): Promise<void> {
  const set = {
    ...(contact.email !== undefined ? { email: contact.email } : {}),
    ...(contact.locale !== undefined ? { locale: contact.locale } : {}),
    ...(contact.timeZone !== undefined ? { time_zone: contact.timeZone } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable('members')
    .set(set)
    .where('team_id', '=', teamId)
    .where('user_id', '=', user)
    .execute();
}

export async function contactOf(db: Db, teamId: string, user: string) {
  const row = await db
    .selectFrom('members')
    .select(['email', 'locale', 'time_zone'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', user)
    .executeTakeFirst();
  return { email: row?.email ?? null, locale: row?.locale ?? 'en', timeZone: row?.time_zone ?? null };
}
