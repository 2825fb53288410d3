// The connection log as data: each `log` effect carries a message key and parameters (instants as epoch
// milliseconds) so the extension can word it in its reader's language, and the headless English line.
import { describe, expect, it } from 'vitest';
import {
  apply,
  type Effect,
  LOG_MESSAGES,
  type LogKey,
  MESSAGES,
  renderLog,
  runUntil,
} from '../../core/index.ts';
import { acct, at, T0, team } from './fixtures.ts';

const logs = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'log' ? [e] : []));

describe('log effects carry a key and parameters', () => {
  it('R6: the reminder carries the due instant as a number; the English line writes it as ISO', () => {
    const s = team([acct('fb', 'facebook')]);
    const line = runUntil(s, T0, at(84))
      .steps.flatMap((st) => logs(st.effects))
      .find((l) => l.key === 'reminder');
    expect(line).toEqual({
      type: 'log',
      rule: 'R6',
      account: 'fb',
      key: 'reminder',
      params: { due: at(90) },
      message: 'Reminder sent: re-authorize before 2026-04-01T00:00:00.000Z.',
    });
  });

  it('R3: a disconnect names its reason, the network and how many posts it cancelled', () => {
    const s = team([acct('li', 'linkedin', { connectedBy: 'ada' })], {
      posts: [{ id: 'p1', account: 'li', state: 'scheduled', at: at(3), author: 'ada' }],
    });
    const [line] = logs(apply(s, { type: 'disconnect', account: 'li', by: 'ada' }, at(1)).effects);
    expect(line).toMatchObject({
      rule: 'R3',
      key: 'disconnected',
      params: { reason: 'manual', network: 'linkedin', cancelled: 1 },
      message: 'Disconnected here by a user. 1 scheduled post(s) cancelled.',
    });
  });

  it('R4: a reconnect counts restored and missed posts as numbers', () => {
    const s = team(
      [acct('fb', 'facebook', { state: 'disconnected', disconnectedAt: at(1), reason: 'revoked' })],
      {
        posts: [
          { id: 'p1', account: 'fb', state: 'scheduled', at: at(2), author: 'ben' },
          { id: 'p2', account: 'fb', state: 'scheduled', at: at(9), author: 'ben' },
        ],
      },
    );
    // createState cancels the posts of a disconnected account (R3); p1's time passes before the reconnect.
    const [line] = logs(apply(s, { type: 'reconnect', account: 'fb', by: 'ada' }, at(5)).effects);
    expect(line).toMatchObject({ key: 'reconnected', params: { by: 'ada', restored: 1, missed: 1 } });
  });

  it('R7: a refresh of an account without a due date says so with its own key', () => {
    const s = team([acct('yt', 'youtube', { connectedBy: 'ada' })]);
    const [line] = logs(apply(s, { type: 'refresh-connection', account: 'yt', by: 'ada' }, at(1)).effects);
    expect(line).toMatchObject({ key: 'refreshedNoDue', params: { by: 'ada' } });
    expect(line!.message).toBe('Connection refreshed by ada; next re-authorization never.');
  });

  it('R11: a transient check failure carries the outcome and the retry instant', () => {
    const s = team([acct('x', 'x')]);
    const outcome = { kind: 'rate-limited' as const, retryAt: at(1, 60_000) };
    const [line] = logs(apply(s, { type: 'checked', results: [{ account: 'x', outcome }] }, at(1)).effects);
    expect(line).toMatchObject({
      rule: 'R11',
      key: 'checkTransient',
      params: { outcome: 'rate-limited', retryAt: at(1, 60_000) },
    });
  });
});

describe('LOG_MESSAGES', () => {
  it('renders every placeholder of every template when given its parameters', () => {
    for (const key of Object.keys(LOG_MESSAGES) as LogKey[]) {
      const names = [...LOG_MESSAGES[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((n) => [n, n === 'reason' ? 'revoked' : 1]));
      expect(renderLog({ key, params: { ...params, network: 'x' } }), key).not.toMatch(/\{\w+\}/);
    }
  });

  it('S3: the hidden-account refusal names the account, not its id', () => {
    expect(MESSAGES.hidden).not.toContain('{account}');
    const s = team([acct('yt', 'youtube', { access: 'private', connectedBy: 'ada' })]);
    const named = {
      ...s,
      accounts: s.accounts.set('yt', {
        ...s.accounts.get('yt')!,
        profile: { networkUserId: 'u', name: 'Our channel', handle: null, avatarUrl: null },
      }),
    };
    const r = apply(named, { type: 'set-default', account: 'yt', by: 'cy', value: true }, at(1));
    expect(r.rejected).toMatchObject({
      rule: 'S3',
      key: 'hidden',
      message: 'You do not have access to Our channel.',
    });
  });
});
