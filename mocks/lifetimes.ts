// Token and code lifetimes per network, as data. Everything time-related in the mock reads this table.
import type { Network } from '../core/schemas.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Lifetime {
  /** What the code exchange issues (Meta/IG: the short-lived token; others: the access token). */
  access: number;
  /** Meta/IG long-lived user token from fb_exchange_token / ig_exchange_token / ig_refresh_token. */
  longLived: number | null;
  /**
   * What a finished connect flow keeps: the access token, or (Facebook Pages) the Page token fetched with
   * the long-lived user token, which never expires (networks.md §1.2 Decision).
   */
  keeps: 'access' | 'page';
  /** none = no refresh token; rotating = each refresh returns a new one and kills the old; static = reused. */
  refresh: 'none' | 'rotating' | 'static';
  /** LinkedIn: the refresh token dies this long after the consent that issued it; refreshing never extends it. */
  refreshHorizon: number | null;
  /** Google: a refresh token unused for this long stops working. */
  refreshIdle: number | null;
  /** Facebook: data access lapses this long after the last (re)authorization. */
  dataAccess: number | null;
  /** Authorization-code lifetime. */
  code: number;
  /**
   * True where the network answers an expired token exactly like an unknown one, so expired records can be
   * forgotten (keeps memory flat over a year-long simulation).
   */
  forgetExpired: boolean;
}

export const LIFETIME: Record<Network, Lifetime> = {
  facebook: {
    // Web-login code exchange yields a short-lived token ("expiring in hours"), then fb_exchange_token gives
    // ~60 days [FB-LL]; data access: 90 days from the last authorization [FB-AUTHDATA]. Code TTL unverified.
    access: 2 * HOUR,
    longLived: 60 * DAY,
    keeps: 'page',
    refresh: 'none',
    refreshHorizon: null,
    refreshIdle: null,
    dataAccess: 90 * DAY,
    code: 10 * MINUTE,
    forgetExpired: false,
  },
  instagram: {
    // Short-lived 1 h, long-lived 60 d, refreshable with ig_refresh_token [IG-AT][IG-REFRESH]. Code TTL unverified.
    access: HOUR,
    longLived: 60 * DAY,
    keeps: 'access',
    refresh: 'none',
    refreshHorizon: null,
    refreshIdle: null,
    dataAccess: null,
    code: 10 * MINUTE,
    forgetExpired: false,
  },
  x: {
    // expires_in 7200 [BK-TW]; rotating refresh tokens [NTA2][X-ROT]; auth code lives 30 s [X-AC].
    access: 2 * HOUR,
    longLived: null,
    keeps: 'access',
    refresh: 'rotating',
    refreshHorizon: null,
    refreshIdle: null,
    dataAccess: null,
    code: 30 * SECOND,
    forgetExpired: true,
  },
  linkedin: {
    // 60-day access, refresh token fixed at 365 days from consent [LI-PRT]. Code TTL unverified.
    access: 60 * DAY,
    longLived: null,
    keeps: 'access',
    refresh: 'static',
    refreshHorizon: 365 * DAY,
    refreshIdle: null,
    dataAccess: null,
    code: 10 * MINUTE,
    forgetExpired: false,
  },
  youtube: {
    // expires_in 3599 [BK-G]; refresh token has no TTL but dies after six months unused [G-OAUTH2].
    access: 3599 * SECOND,
    longLived: null,
    keeps: 'access',
    refresh: 'static',
    refreshHorizon: null,
    refreshIdle: 183 * DAY,
    dataAccess: null,
    code: 10 * MINUTE,
    forgetExpired: true,
  },
};
