// Per-network policy as data: one row per network, read by the rules. Sources: rules.md R1, R4, S1, S6
// (which restate seed 000 and seed 003) and networks.md for the labels.
import type { Network } from './schemas.ts';

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
export const MINUTE = 60 * 1000;

export interface NetworkPolicy {
  label: string;
  /** R1: what the re-authorization clock counts from, and how long it runs; null = no predictable reauth. */
  reauth: { from: 'authorization' | 'activity'; after: number } | null;
  /** R4: how long after a disconnect the account can be reconnected with its data intact. */
  reconnectWindow: number;
  /** S1: links are not allowed in Instagram posts, so no blog auto-publishing. */
  autopublish: boolean;
  /** S6: only x lets the user choose which posts are reported. */
  choosesPostVisibility: boolean;
  /** S7: which digest counters this network contributes. */
  digest: { interactions: boolean; followers: boolean };
}

export const POLICY: Record<Network, NetworkPolicy> = {
  facebook: {
    label: 'Facebook',
    reauth: { from: 'authorization', after: 90 * DAY },
    reconnectWindow: 365 * DAY,
    autopublish: true,
    choosesPostVisibility: false,
    digest: { interactions: true, followers: false },
  },
  instagram: {
    label: 'Instagram',
    reauth: { from: 'authorization', after: 90 * DAY },
    reconnectWindow: 365 * DAY,
    autopublish: false,
    choosesPostVisibility: false,
    digest: { interactions: false, followers: false },
  },
  x: {
    label: 'X',
    reauth: { from: 'activity', after: 90 * DAY },
    reconnectWindow: 365 * DAY,
    autopublish: true,
    choosesPostVisibility: true,
    digest: { interactions: true, followers: true },
  },
  linkedin: {
    label: 'LinkedIn',
    reauth: { from: 'authorization', after: 365 * DAY },
    reconnectWindow: 60 * DAY,
    autopublish: true,
    choosesPostVisibility: false,
    digest: { interactions: true, followers: false },
  },
  youtube: {
    label: 'YouTube',
    reauth: null,
    reconnectWindow: 60 * DAY,
    autopublish: true,
    choosesPostVisibility: false,
    digest: { interactions: false, followers: false },
  },
};

/** R6: reminders go out this long before reauthDueAt; the same window makes the status `reauth-soon` (R7). */
export const REMINDER_LEAD = 7 * DAY;
/** R9: disconnected for more than this, the account is hidden from the settings list. */
export const HIDDEN_AFTER = 90 * DAY;
/** S1: social posts follow a blog post after this delay. */
export const AUTOPUBLISH_DELAY = 15 * MINUTE;
/** S5: default-account limits per plan (enterprise from seed 003, professional is rules.md's Decision). */
export const DEFAULT_LIMIT = { enterprise: 60, professional: 10 } as const;
/** R11: exponential backoff when the network gave no retry hint: base * 2^(failures-1), capped. */
export const BACKOFF = { base: 5 * MINUTE, max: 6 * HOUR } as const;
