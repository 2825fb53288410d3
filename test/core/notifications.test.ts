import { describe, expect, it } from 'vitest';
import { type AuthErrorReason, apply, type Effect, runUntil } from '../../core/index.ts';
import { acct, at, T0, team } from './fixtures.ts';

const notifications = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));

describe('R6 reminders and alerts', () => {
  const s = team([acct('fb', 'facebook', { connectedBy: 'dee' })], {
    posts: [
      { id: 'p1', account: 'fb', state: 'scheduled', at: at(120), author: 'ben' },
      { id: 'p2', account: 'fb', state: 'draft', author: 'cy' },
    ],
  });

  it('R6: one reminder 7 days before reauthDueAt to the connector, authors of scheduled posts and super admins', () => {
    const { steps } = runUntil(s, T0, at(89));
    const sent = steps.flatMap((st) => notifications(st.effects));
    expect(sent).toEqual([
      { at: at(83), kind: 'reauth-reminder', account: 'fb', recipients: ['ada', 'ben', 'dee'] },
    ]);
  });

  it('R6: the reminder is sent once per due date, and again for the next due date after a refresh', () => {
    const first = runUntil(s, T0, at(85));
    const refreshed = apply(
      first.state,
      { type: 'refresh-connection', account: 'fb', by: 'dee' },
      at(85),
    ).state;
    const second = runUntil(refreshed, at(85), at(175));
    const kinds = [...first.steps, ...second.steps]
      .flatMap((st) => notifications(st.effects))
      .map((n) => n.at);
    expect(kinds).toEqual([at(83), at(168)]);
  });

  it('R6: no reminder for accounts without a predictable re-authorization', () => {
    const yt = team([acct('yt', 'youtube')]);
    expect(runUntil(yt, T0, at(400)).steps.flatMap((st) => notifications(st.effects))).toEqual([]);
  });

  it.each<AuthErrorReason>(['revoked', 'security', 'inactive', 'deleted'])(
    'R6: a %s disconnect sends no reminder but an immediate alert to the same recipients',
    (reason) => {
      const r = apply(
        s,
        { type: 'checked', results: [{ account: 'fb', outcome: { kind: 'auth-error', reason } }] },
        at(10),
      );
      expect(notifications(r.effects)).toEqual([
        { at: at(10), kind: 'disconnect-alert', account: 'fb', recipients: ['ada', 'ben', 'dee'] },
      ]);
      const later = runUntil(r.state, at(10), at(200)).steps.flatMap((st) => notifications(st.effects));
      expect(later.filter((n) => n.kind === 'reauth-reminder')).toEqual([]);
    },
  );

  it('R6: a manual disconnect alerts nobody, and a due re-authorization is not alerted again', () => {
    const manual = apply(s, { type: 'disconnect', account: 'fb', by: 'ada' }, at(10));
    expect(notifications(manual.effects)).toEqual([]);
    const due = runUntil(s, at(84), at(90)).steps.filter((st) => st.event.type === 'reauth-due');
    expect(notifications(due.flatMap((st) => st.effects))).toEqual([]);
  });
});
