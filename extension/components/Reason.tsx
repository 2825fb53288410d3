// A disabled control's reason, tied to it with aria-describedby: the core's own message for the rule.
import { t } from '../lib/i18n.ts';
import { type Refusal, refusalText } from '../lib/refusal.ts';

export function Reason({ id, why }: { id: string; why: Refusal | null }) {
  if (!why) return null;
  return (
    <p id={id} class="why" data-rule={why.rule}>
      {t('disabledBecause', refusalText(why))}
    </p>
  );
}
