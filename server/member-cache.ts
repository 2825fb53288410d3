// Who a bearer token belongs to, and each team's version, kept in this process's memory and kept true by
// the database's change notices (db/notices.ts, migration 0007), so a poll of an unchanged view (a 304)
// reads nothing from the database: that one round trip was most of a 304's cost (issue #20).
// What it trusts, and why that is safe:
// - A token is kept only from a read that no token notice and no gap overtook, so a revocation committed
//   while the read was under way is never kept. Its notice drops the token in every process a few
//   milliseconds after the commit; in the process that revoked it, at once (`revoked`).
// - A team's version only moves forward (store/team-rows.ts saveTeam), so the highest one heard of, from a
//   read or a notice, is the newest; a member removed from the team is refused by the State of that
//   version (routes-member.ts whoAmI).
// - While notices may be missed (PostgreSQL's listening connection lost), nothing is served from memory and
//   nothing is kept; when listening is back, everything kept before is dropped.
// A token's last use is still written at most once a minute (members.ts touchToken).
import type { Kysely } from 'kysely';
import { sha256 } from './crypto.ts';
import type { NoticeHandlers } from './db/notices.ts';
import type { Database } from './db/types.ts';
import { type Member, memberByHash, touchToken } from './members.ts';

/** Tokens kept at most (a member's devices over many teams); the least recently used go first. */
const MAX_TOKENS = 100_000;

interface Kept {
  member: Member;
  lastUsedAt: number | null;
}

export class MemberCache {
  private listening = false;
  /** Moves on at every token notice and every gap: a read that saw it move keeps nothing. */
  private tokenEpoch = 0;
  /** Moves on at every gap: a version read across one is not kept. */
  private gaps = 0;
  private readonly tokens = new Map<string, Kept>();
  private readonly hashOf = new Map<string, string>();
  private readonly versions = new Map<string, number>();

  readonly handlers: NoticeHandlers = {
    notice: (payload) => this.notice(payload),
    gap: (listening) => this.gap(listening),
  };

  async authenticate(db: Kysely<Database>, token: string, now: number): Promise<Member | null> {
    const hash = sha256(token);
    const kept = this.listening ? this.tokens.get(hash) : undefined;
    const version = kept && this.versions.get(kept.member.teamId);
    if (kept && version !== undefined) {
      // Most recently used last.
      this.tokens.delete(hash);
      this.tokens.set(hash, kept);
      kept.lastUsedAt = await touchToken(db, kept.member.tokenId, kept.lastUsedAt, now);
      return { ...kept.member, teamVersion: version };
    }
    const [epoch, gaps] = [this.tokenEpoch, this.gaps];
    const found = await memberByHash(db, hash);
    if (!found) return null;
    const { member } = found;
    const lastUsedAt = await touchToken(db, member.tokenId, found.lastUsedAt, now);
    if (this.listening && gaps === this.gaps && member.teamVersion !== undefined) {
      this.heard(member.teamId, member.teamVersion);
      if (epoch === this.tokenEpoch) this.keep(hash, { member, lastUsedAt });
    }
    return { ...member, teamVersion: this.versions.get(member.teamId) ?? member.teamVersion };
  }

  /** This process revoked the token: forgotten now, before its notice comes back. */
  revoked(tokenId: string): void {
    this.tokenEpoch++;
    this.drop(tokenId);
  }

  /** A team's version, from a read or a notice: only a newer one replaces what is kept. */
  private heard(teamId: string, version: number): void {
    if (version > (this.versions.get(teamId) ?? 0)) this.versions.set(teamId, version);
  }

  private notice(payload: string): void {
    const [kind, a, b] = payload.split(' ');
    if (kind === 'team' && a && b) this.heard(b, Number(a));
    else if (kind === 'token' && a) this.revoked(a);
    // A notice this version does not know: assume the worst.
    else this.gap(this.listening);
  }

  private gap(listening: boolean): void {
    this.listening = listening;
    this.tokenEpoch++;
    this.gaps++;
    this.tokens.clear();
    this.hashOf.clear();
    this.versions.clear();
  }

  private keep(hash: string, kept: Kept): void {
    this.tokens.set(hash, kept);
    this.hashOf.set(kept.member.tokenId, hash);
    for (const [old, k] of this.tokens) {
      if (this.tokens.size <= MAX_TOKENS) break;
      this.tokens.delete(old);
      this.hashOf.delete(k.member.tokenId);
    }
  }

  private drop(tokenId: string): void {
    const hash = this.hashOf.get(tokenId);
    if (hash === undefined) return;
    this.hashOf.delete(tokenId);
    this.tokens.delete(hash);
  }
}
