// The Engine's steps as lines of the user-visible connection log, with their rule ids, message keys and
// parameters (words come later, in the reader's language: lib/log-text.ts).
import type { EngineStep } from '../../runtime/steps.ts';
import type { LogEntry } from '../lib/types.ts';

/**
 * R6: a reminder's line names its recipients, and an alert gets a line of its own with them. With `checks`,
 * also one line per health check outcome (R11 when the status stays, R2 when the network's answer
 * disconnects).
 */
export function logEntries(steps: readonly EngineStep[], checks = false): LogEntry[] {
  return steps.flatMap((step) => {
    const sent = (kind: string, account: string | null) =>
      step.notifications.find((n) => n.kind === kind && n.account === account)?.recipients;
    const lines: LogEntry[] = step.effects.flatMap((e) => {
      if (e.type !== 'log') return [];
      const recipients = e.key === 'reminder' ? sent('reauth-reminder', e.account) : undefined;
      const { rule, key, params, message } = e;
      return [{ at: step.at, rule, account: e.account ?? '', message, key, params, source: step.source }].map(
        (line) => (recipients ? { ...line, recipients: [...recipients].sort() } : line),
      );
    });
    const alerts: LogEntry[] = step.notifications
      .filter((n) => n.kind === 'disconnect-alert')
      .map((n) => ({
        at: n.at,
        rule: 'R6',
        account: n.account,
        message: `Disconnect alert sent to ${[...n.recipients].sort().join(', ')}.`,
        key: 'alertSent',
        params: {},
        recipients: [...n.recipients].sort(),
        source: step.source,
      }));
    if (!checks || step.event.type !== 'checked') return [...lines, ...alerts];
    const checked = step.event.results.map(
      (r): LogEntry => ({
        at: step.at,
        rule: r.outcome.kind === 'auth-error' ? 'R2' : 'R11',
        account: r.account,
        message: `Check: ${r.outcome.kind}`,
        key: 'check',
        params: { outcome: r.outcome.kind },
        source: step.source,
      }),
    );
    return [...checked, ...lines, ...alerts];
  });
}
