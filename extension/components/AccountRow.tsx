// One account in the settings table: access (S2), blog auto-publishing (S1), default (S5), post visibility
// (S4/S6) and brand (S8). Every change is one message to the background, which applies it through core;
// nothing is saved here, so a refused change leaves the row as the stored view says.
import { useState } from 'preact/hooks';
import type { Access, PostVisibility } from '../../core/schemas.ts';
import { t } from '../lib/i18n.ts';
import { STATUS_LABEL } from '../lib/present.ts';
import type { Request } from '../lib/protocol.ts';
import {
  ACCESS_LABEL,
  type AccessChoice,
  accessChoice,
  accessChoices,
  controlReasons,
  VISIBILITY_LABEL,
} from '../lib/settings.ts';
import type { SettingsAccount, SettingsView } from '../lib/types.ts';
import { NetworkIcon } from './NetworkIcon.tsx';
import { Reason } from './Reason.tsx';

export interface AccountRowProps {
  view: SettingsView;
  account: SettingsAccount;
  index: number;
  send: (request: Request) => void;
}

const describe = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

export function AccountRow({ view, account: a, index, send }: AccountRowProps) {
  const why = controlReasons(view, a);
  const id = `r${index}`;
  const [editing, setEditing] = useState<{ users: string[]; teams: string[] } | null>(null);
  const [visibility, setVisibility] = useState<PostVisibility | null>(null);

  const chooseAccess = (choice: AccessChoice) => {
    if (choice === 'selected') {
      const list = typeof a.access === 'object' ? a.access : { users: [], teams: [] };
      setEditing({ users: [...list.users], teams: [...list.teams] });
      return;
    }
    setEditing(null);
    send({ type: 'set-access', account: a.id, access: choice });
  };
  const toggle = (kind: 'users' | 'teams', value: string) => {
    if (!editing) return;
    const list = editing[kind];
    setEditing({
      ...editing,
      [kind]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value],
    });
  };

  return (
    <tr data-account={a.id}>
      <th scope="row">
        <NetworkIcon network={a.network} />
        <span class="name">{a.name}</span>
        <span class={`status ${a.status}`}>{t(STATUS_LABEL[a.status])}</span>
      </th>
      <td>
        <select
          aria-label={t('accessLabel', a.name)}
          value={editing ? 'selected' : accessChoice(a.access)}
          disabled={why.access !== null}
          aria-describedby={describe(why.access !== null && `${id}-access-why`)}
          onChange={(e) => chooseAccess(e.currentTarget.value as AccessChoice)}
        >
          {accessChoices(view.plan).map((c) => (
            <option value={c} key={c}>
              {t(ACCESS_LABEL[c])}
            </option>
          ))}
        </select>
        <Reason id={`${id}-access-why`} why={why.access} />
        {editing && (
          <fieldset class="access-list">
            <legend>{t('accessChoose', a.name)}</legend>
            {view.users.map((u) => (
              <label key={u.id}>
                <input
                  type="checkbox"
                  checked={editing.users.includes(u.id)}
                  onChange={() => toggle('users', u.id)}
                />
                {u.name}
              </label>
            ))}
            {view.teams.map((team) => (
              <label key={team}>
                <input
                  type="checkbox"
                  checked={editing.teams.includes(team)}
                  onChange={() => toggle('teams', team)}
                />
                {t('accessTeam', team)}
              </label>
            ))}
            <button
              type="button"
              onClick={() => {
                send({ type: 'set-access', account: a.id, access: editing as Access });
                setEditing(null);
              }}
            >
              {t('accessSave')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('accessCancel')}
            </button>
          </fieldset>
        )}
      </td>
      <td>
        <select
          aria-label={t('autopublishLabel', a.name)}
          value={a.autopublish ?? ''}
          disabled={why.autopublish !== null}
          aria-describedby={describe(why.autopublish !== null && `${id}-blog-why`)}
          onChange={(e) =>
            send({ type: 'set-autopublish', account: a.id, blog: e.currentTarget.value || null })
          }
        >
          <option value="">{t('autopublishNone')}</option>
          {view.blogs.map((b) => (
            <option value={b} key={b}>
              {b}
            </option>
          ))}
        </select>
        <Reason id={`${id}-blog-why`} why={why.autopublish} />
      </td>
      <td>
        <input
          type="checkbox"
          role="switch"
          aria-label={t('defaultLabel', a.name)}
          aria-checked={a.default}
          checked={a.default}
          disabled={why.default !== null}
          aria-describedby={describe(why.default !== null && `${id}-default-why`)}
          onChange={(e) => send({ type: 'set-default', account: a.id, value: e.currentTarget.checked })}
        />
        <Reason id={`${id}-default-why`} why={why.default} />
      </td>
      <td>
        {a.network === 'x' ? (
          <>
            <select
              aria-label={t('visibilityLabel', a.name)}
              value={visibility ?? a.postVisibility}
              disabled={why.visibility !== null}
              aria-describedby={describe(why.visibility !== null && `${id}-vis-why`)}
              onChange={(e) => {
                const next = e.currentTarget.value as PostVisibility;
                setVisibility(next === a.postVisibility ? null : next);
              }}
            >
              {(['all-sources', 'app-only'] as const).map((v) => (
                <option value={v} key={v}>
                  {t(VISIBILITY_LABEL[v])}
                </option>
              ))}
            </select>
            <Reason id={`${id}-vis-why`} why={why.visibility} />
            {a.sharingLocked && <p class="hint">{t('sharingLocked')}</p>}
            {visibility && (
              // S4: a new post visibility only comes with a reconnect that chooses it.
              <div class="confirm" role="alertdialog" aria-labelledby={`${id}-vis-q`}>
                <p id={`${id}-vis-q`}>{t('visibilityReconnect', a.name, t(VISIBILITY_LABEL[visibility]))}</p>
                <button
                  type="button"
                  class="primary"
                  onClick={() => {
                    send({ type: 'refresh-connection', account: a.id, postVisibility: visibility });
                    setVisibility(null);
                  }}
                >
                  {t('visibilityReconnectGo')}
                </button>
                <button type="button" onClick={() => setVisibility(null)}>
                  {t('visibilityKeep')}
                </button>
              </div>
            )}
          </>
        ) : (
          // S6: every other network always reports posts from all sources.
          <span>{t(VISIBILITY_LABEL['all-sources'])}</span>
        )}
      </td>
      {view.brands && (
        <td>
          <select
            aria-label={t('brandLabel', a.name)}
            value={a.brand ?? ''}
            disabled={why.brand !== null}
            aria-describedby={describe(why.brand !== null && `${id}-brand-why`)}
            onChange={(e) =>
              send({ type: 'assign-brand', account: a.id, brand: e.currentTarget.value || null })
            }
          >
            <option value="">{t('brandNone')}</option>
            {view.brands.map((b) => (
              <option value={b} key={b}>
                {b}
              </option>
            ))}
          </select>
          <Reason id={`${id}-brand-why`} why={why.brand} />
        </td>
      )}
    </tr>
  );
}
