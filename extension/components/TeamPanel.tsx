// The options page's team section (issue #16): join a team server with its address and an invite code (an
// invite link opens this page with both filled in), then who you are there, your team and permission, and
// the server's state; "Leave team" forgets the member token. The token itself is never shown: the
// background keeps it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n.ts';
import type { Request } from '../lib/protocol.ts';
import { PERMISSION_LABEL } from '../lib/settings.ts';
import type { JoinRequest } from '../lib/team-join.ts';
import { asOfText, blockedText } from '../lib/team-text.ts';
import type { TeamStatus } from '../lib/types.ts';
import type { Reply } from '../lib/wire.ts';

export interface TeamSource {
  load(): Promise<TeamStatus | undefined>;
  send(request: Request): Promise<Reply>;
  /** lib/team-join.ts: joins and tells the background. */
  join(request: JoinRequest): Promise<Reply>;
  subscribe(onChange: () => void): () => void;
  now(): number;
  locale: string;
}

export interface TeamPanelProps {
  source: TeamSource;
  initial: TeamStatus | undefined;
  /** From an invite link: `options.html?server=…&code=…`. */
  invite: { server: string; code: string } | null;
}

export function TeamPanel({ source, initial, invite }: TeamPanelProps) {
  const [status, setStatus] = useState(initial);
  const [server, setServer] = useState(invite?.server ?? '');
  const [code, setCode] = useState(invite?.code ?? '');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const reload = () => void source.load().then(setStatus);
    return source.subscribe(reload);
  }, [source]);

  const run = async (request: Request | JoinRequest, done: string | null) => {
    setBusy(true);
    setMessage(null);
    const reply = await ('type' in request ? source.send(request) : source.join(request));
    setBusy(false);
    setStatus(await source.load());
    if (!reply.ok) setMessage({ ok: false, text: reply.message });
    else if (done) setMessage({ ok: true, text: done });
  };

  const join = (event: Event) => {
    event.preventDefault();
    void run({ server, code, ...(name.trim() ? { name } : {}) }, null).then(() => {
      // An invite code is single use: once joined it is of no more use in the address bar either.
      if (location.search) history.replaceState(null, '', location.pathname);
    });
  };

  if (status) {
    const blocked = blockedText({ team: status }, source.locale, source.now());
    const permission = t(PERMISSION_LABEL[status.me.permission]);
    return (
      <section class="team" aria-labelledby="team-title">
        <h2 id="team-title">{status.team.name}</h2>
        <p>{t('teamYou', status.me.name ?? status.me.id)}</p>
        <p>{t('teamTeam', status.team.name)}</p>
        <p>{t(status.me.superAdmin ? 'teamPermissionAdmin' : 'teamPermission', permission)}</p>
        <p>{t('teamServer', status.server)}</p>
        <p role="status">
          {blocked ?? t('teamServerOk', asOfText(status.asOf, source.locale, source.now()))}
        </p>
        <p class="hint">{t('teamTokenNote')}</p>
        <button type="button" disabled={busy} onClick={() => void run({ type: 'team-refresh' }, null)}>
          {t('teamRefresh')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => void run({ type: 'team-leave' }, t('teamLeft'))}>
          {t('teamLeave')}
        </button>
        {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      </section>
    );
  }
  return (
    <section class="team" aria-labelledby="team-title">
      <h2 id="team-title">{t('teamJoinTitle')}</h2>
      <p>{t('teamJoinIntro')}</p>
      <form onSubmit={join}>
        <label>
          {t('teamServerLabel')}
          <input type="url" required value={server} onInput={(e) => setServer(e.currentTarget.value)} />
        </label>
        <label>
          {t('teamCodeLabel')}
          <input required autocomplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <label>
          {t('teamNameLabel')}
          <input value={name} autocomplete="name" onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t('teamJoining') : t('teamJoinButton')}
        </button>
      </form>
      {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
