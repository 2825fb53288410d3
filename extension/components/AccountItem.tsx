// One account: who it is, its status in the fixed vocabulary, why, by when, what happened to its posts,
// and the one action that fixes it (R7), or why I may not take it and who can (R8, R10).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Status } from '../../core/schemas.ts';
import { KEYS_ID, rowText } from '../lib/first-screen.ts';
import { t } from '../lib/i18n.ts';
import { disconnectConsequence, FIX_ACTION, type FixAction } from '../lib/present.ts';
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
  /** The one row in the tab order (the list moves focus between rows with the arrow keys: App). */
  tabbable: boolean;
  onAction: (action: Action, account: string) => void;
}

interface ActionButtonProps {
  /** `fix`: the row's primary action, which Enter on the row runs (App). */
  cls?: string;
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
function ActionButton({ cls, label, why, whyId, busy, onClick }: ActionButtonProps) {
  const blocked = why !== null || busy;
  return (
    <button
      type="button"
      class={cls}
      aria-disabled={blocked ? 'true' : undefined}
      aria-describedby={why ? whyId : undefined}
      onClick={blocked ? undefined : onClick}
    >
      {label}
    </button>
  );
}

export function AccountItem(props: AccountItemProps) {
  const { account: a, status, view, index, now, locale, busy, focused, tabbable, onAction } = props;
  const [confirming, setConfirming] = useState(false);
  // Where focus goes when the confirmation opens (its safe choice) and closes (back where it came from).
  const keep = useRef<HTMLButtonElement>(null);
  const row = useRef<HTMLLIElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (wasConfirming.current)
      row.current?.querySelector<HTMLElement>('.actions button:last-child')?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const id = `a${index}`;
  const fix = FIX_ACTION[status];
  // Every string of the row, as the popup's first paint showed them (components/first-screen-dom.ts
  // builds this same markup before Preact runs; test/extension/first-screen.test.tsx keeps them equal).
  // Kept between renders: moving focus or typing a search re-renders the list, not its Intl formatting.
  const text = useMemo(() => rowText(a, status, view, now, locale), [a, status, view, now, locale]);
  const cls = `account${text.compact ? ' compact' : ''}${focused ? ' focused' : ''}`;

  return (
    <li
      ref={row}
      id={`account-${index}`}
      class={cls}
      data-status={status}
      aria-labelledby={`${id}-name ${id}-status`}
      aria-describedby={KEYS_ID}
      tabIndex={tabbable ? 0 : -1}
    >
      <NetworkIcon network={a.network} />
      <div class="body">
        <div class="head">
          <span id={`${id}-name`} class="name">
            {text.name}
          </span>
          {text.handle && <span class="handle">{text.handle}</span>}
          <span id={`${id}-status`} class={`status ${status}`}>
            {text.statusLabel}
          </span>
        </div>
        {text.reason && <p class="reason">{text.reason}</p>}
        <p class="when">{text.when}</p>
        {(text.fix || text.disconnect) && !confirming && (
          <div class="actions">
            {fix && text.fix && (
              <ActionButton
                cls="fix"
                label={text.fix.label}
                why={text.fix.why}
                whyId={`${id}-fix-why`}
                busy={busy}
                onClick={() => onAction(fix, a.id)}
              />
            )}
            {text.disconnect && (
              <ActionButton
                label={text.disconnect.label}
                why={text.disconnect.why}
                whyId={`${id}-${text.disconnect.whyOf}-why`}
                busy={busy}
                onClick={() => setConfirming(true)}
              />
            )}
          </div>
        )}
        {text.fix?.why && (
          <p id={`${id}-fix-why`} class="why">
            {text.fix.why}
          </p>
        )}
        {text.disconnect?.why && text.disconnect.whyOf === 'disconnect' && (
          <p id={`${id}-disconnect-why`} class="why">
            {text.disconnect.why}
          </p>
        )}
        {text.hint && <p class="hint">{text.hint}</p>}
        {/* What it did to the posts comes after the fix: what happened, by when, what to do, then the rest. */}
        {text.posts.map((line) => (
          <p class="posts" key={line}>
            {line}
          </p>
        ))}
        {text.check && <p class="check">{text.check}</p>}
        {confirming && (
          <div
            class="confirm"
            role="alertdialog"
            aria-labelledby={`${id}-confirm`}
            aria-describedby={`${id}-what`}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              // Escape keeps the account connected; the list's own keys do not act on the dialog.
              e.stopPropagation();
              setConfirming(false);
            }}
          >
            <p id={`${id}-confirm`} class="confirm-title">
              {t('confirmDisconnect', a.name)}
            </p>
            <p id={`${id}-what`}>{disconnectConsequence(a)}</p>
            <button
              type="button"
              class="danger"
              onClick={() => {
                wasConfirming.current = false;
                setConfirming(false);
                row.current?.focus();
                onAction('disconnect', a.id);
              }}
            >
              {text.disconnect?.label}
            </button>
            <button type="button" ref={keep} onClick={() => setConfirming(false)}>
              {t('confirmKeep')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
