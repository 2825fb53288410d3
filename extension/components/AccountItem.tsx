// One account: who it is, its status in the fixed vocabulary, why, by when, what happened to its posts,
// and the one action that fixes it (R7), or why I may not take it and who can (R8, R10).
import { useState } from 'preact/hooks';
import type { Status } from '../../core/schemas.ts';
import { t } from '../lib/i18n.ts';
import {
  ACTION_LABEL,
  checkText,
  disconnectConsequence,
  FIX_ACTION,
  type FixAction,
  offersDisconnect,
  postsText,
  reasonText,
  STATUS_LABEL,
  whenText,
  whyNoDisconnect,
  whyNoReconnect,
} from '../lib/present.ts';
import type { AccountView, PopupView } from '../lib/types.ts';
import { NetworkIcon } from './NetworkIcon.tsx';

export type Action = FixAction | 'disconnect';

export interface AccountItemProps {
  account: AccountView;
  status: Status;
  view: Pick<PopupView, 'me' | 'users'>;
  /** Unique per list position, for the ids that tie labels to elements. */
  index: number;
  now: number;
  locale: string;
  busy: boolean;
  focused: boolean;
  onAction: (action: Action, account: string) => void;
}

interface ActionButtonProps {
  label: string;
  why: string | null;
  whyId: string;
  busy: boolean;
  onClick: () => void;
}

/**
 * A refused action stays focusable (aria-disabled, not disabled) so keyboard and screen-reader users reach
 * it and hear why (aria-describedby), instead of it silently vanishing from the tab order.
 */
function ActionButton({ label, why, whyId, busy, onClick }: ActionButtonProps) {
  const blocked = why !== null || busy;
  return (
    <button
      type="button"
      aria-disabled={blocked ? 'true' : undefined}
      aria-describedby={why ? whyId : undefined}
      onClick={blocked ? undefined : onClick}
    >
      {label}
    </button>
  );
}

export function AccountItem(props: AccountItemProps) {
  const { account: a, status, view, index, now, locale, busy, focused, onAction } = props;
  const [confirming, setConfirming] = useState(false);
  const id = `a${index}`;
  const fix = FIX_ACTION[status];
  const fixWhy = fix ? whyNoReconnect(view, a) : null;
  const canOfferDisconnect = offersDisconnect(status);
  const disconnectWhy = canOfferDisconnect ? whyNoDisconnect(view, a, locale) : null;
  const recommended =
    fix && fixWhy === null && a.recommendedReconnector && a.recommendedReconnector !== view.me.id
      ? (view.users[a.recommendedReconnector] ?? a.recommendedReconnector)
      : null;
  const check = checkText(a, now, locale);

  return (
    <li
      id={`account-${index}`}
      class={focused ? 'account focused' : 'account'}
      data-status={status}
      aria-labelledby={`${id}-name ${id}-status`}
      tabIndex={focused ? -1 : undefined}
    >
      <NetworkIcon network={a.network} />
      <div class="body">
        <div class="head">
          <span id={`${id}-name`} class="name">
            {a.name}
          </span>
          {a.handle && <span class="handle">{a.handle}</span>}
          <span id={`${id}-status`} class={`status ${status}`}>
            {t(STATUS_LABEL[status])}
          </span>
        </div>
        {a.reason && status !== 'connected' && <p class="reason">{reasonText(a.reason, a.network)}</p>}
        <p class="when">{whenText(a, status, now, locale)}</p>
        {postsText(a, status, now, locale).map((line) => (
          <p class="posts" key={line}>
            {line}
          </p>
        ))}
        {check && <p class="check">{check}</p>}
        {(fix || canOfferDisconnect) && !confirming && (
          <div class="actions">
            {fix && (
              <ActionButton
                label={t(ACTION_LABEL[fix])}
                why={fixWhy}
                whyId={`${id}-fix-why`}
                busy={busy}
                onClick={() => onAction(fix, a.id)}
              />
            )}
            {canOfferDisconnect && (
              <ActionButton
                label={t(ACTION_LABEL.disconnect)}
                why={disconnectWhy}
                whyId={`${id}-disconnect-why`}
                busy={busy}
                onClick={() => setConfirming(true)}
              />
            )}
          </div>
        )}
        {fixWhy && (
          <p id={`${id}-fix-why`} class="why">
            {fixWhy}
          </p>
        )}
        {disconnectWhy && (
          <p id={`${id}-disconnect-why`} class="why">
            {disconnectWhy}
          </p>
        )}
        {recommended && <p class="hint">{t('recommendedReconnector', recommended)}</p>}
        {confirming && (
          <div
            class="confirm"
            role="alertdialog"
            aria-labelledby={`${id}-confirm`}
            aria-describedby={`${id}-what`}
          >
            <p id={`${id}-confirm`} class="confirm-title">
              {t('confirmDisconnect', a.name)}
            </p>
            <p id={`${id}-what`}>{disconnectConsequence(a)}</p>
            <button
              type="button"
              class="danger"
              onClick={() => {
                setConfirming(false);
                onAction('disconnect', a.id);
              }}
            >
              {t(ACTION_LABEL.disconnect)}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('confirmKeep')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
