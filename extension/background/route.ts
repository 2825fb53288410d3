// The background's own requests, those that are not a person's action on an account (requests.ts has
// those): wake-ups, checks, the simulation's user switch and world, client ids, consent answers, and the
// team requests a background that has not joined a team refuses (team mode answers them: team/session.ts).
import { t } from '../lib/i18n.ts';
import type { Reply, Request } from '../lib/protocol.ts';
import type { ActionType } from './requests.ts';
import type { Background } from './service.ts';

const OK: Reply = { ok: true };
const noFlow = (): Reply => ({ ok: false, message: t('flowUnavailable') });

/** Every request but the actions (service.ts sends those to the rules first). */
export type OwnRequest = Exclude<Request, { type: ActionType }>;

export async function routeRequest(bg: Background, req: OwnRequest): Promise<Reply> {
  switch (req.type) {
    case 'wake':
      await bg.wake();
      return OK;
    case 'check-now':
      // A person asked: the R11 backoff does not hold them back (the reply says where it applied).
      return bg.check(req.account ?? null, 'user');
    case 'set-current-user':
      return bg.setCurrentUser(req.user);
    case 'set-clients':
      await bg.store.commit({ clients: req.clients });
      bg.setup.setClients?.(req.clients);
      return OK;
    case 'sim-inject':
    case 'sim-advance':
    case 'sim-reset':
      return bg.setup.simulate?.(req, bg) ?? { ok: false, message: t('simUnavailable') };
    case 'consent-answer':
      return bg.setup.answerConsent?.(req.request, req.allow, req.as) ?? noFlow();
    case 'ping':
      // Keeps the worker alive while a consent page waits: nothing to do.
      return OK;
    case 'team-joined':
    case 'team-leave':
    case 'team-refresh':
      return { ok: false, message: t('teamNotJoined') };
  }
}
