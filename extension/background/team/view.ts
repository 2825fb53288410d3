// The server's member view (server/views.ts: the same AccountSnapshot as scenario.md, instants as ISO
// strings, already from this member's point of view, S3) as the popup's stored view, so the popup renders a
// team exactly as it renders a team of one; and the toolbar badge for it (what needs this member's
// attention, as the server counted it, or that the view is stale).
import type { Status } from '../../../core/index.ts';
import { plural, t } from '../../lib/i18n.ts';
import { staleText } from '../../lib/team-text.ts';
import type { AccountView, Notice, PopupView, TeamLink } from '../../lib/types.ts';
import { BADGE_COLOR, type Badge } from '../badge.ts';
import type { MemberView, ServerAccount } from './api.ts';

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The server's account with its instants as epoch ms (its extra fields, avatar and `you`, ride along). */
export function accountOf(a: ServerAccount): AccountView {
  return {
    ...(a as unknown as AccountView),
    name: a.name ?? a.id,
    reauthDueAt: ms(a.reauthDueAt),
    disconnectedAt: ms(a.disconnectedAt),
    reconnectDeadline: ms(a.reconnectDeadline),
    lastCheck: a.lastCheck
      ? { ...a.lastCheck, at: Date.parse(a.lastCheck.at), retryAt: ms(a.lastCheck.retryAt) }
      : null,
  } as AccountView;
}

/** The popup's view of a team, as of `link.asOf` (the server's clock when it last answered). */
export function popupViewOf(v: MemberView, link: TeamLink, notice: Notice | null): PopupView {
  return {
    at: link.asOf,
    mode: 'team',
    me: { id: v.me.id, name: v.me.name ?? v.me.id, superAdmin: v.me.superAdmin },
    users: v.users,
    plan: v.plan as PopupView['plan'],
    brands: v.brands,
    accounts: v.accounts.map(accountOf),
    sweep: null,
    notice,
    team: link,
    partial: null,
  };
}

/** Replaces one account in the server view (an action's answer), keeping everything else. */
export function withAccount(v: MemberView, account: ServerAccount): MemberView {
  return { ...v, accounts: v.accounts.map((a) => (a.id === account.id ? account : a)) };
}

/** Grey: the count is as of the last answer, not now. */
export const STALE_COLOR = '#5F6368';

export function teamBadge(v: MemberView | null, link: TeamLink, locale: string): Badge {
  if (link.problem === 'unauthorized')
    return { text: '!', color: BADGE_COLOR.disconnected, title: t('teamUnauthorized') };
  const count = v?.counts.attention ?? 0;
  if (link.problem === 'unreachable')
    return { text: `${count || ''}?`, color: STALE_COLOR, title: staleText(link.asOf, locale) };
  // The title says how many; the popup names them (a title listing them helps little).
  return count
    ? {
        text: String(count),
        color: BADGE_COLOR[v!.counts.worst as Status] ?? BADGE_COLOR.disconnected,
        title: plural('summaryAttention', count),
      }
    : { text: '', color: BADGE_COLOR.connected, title: t('summaryHealthy') };
}
