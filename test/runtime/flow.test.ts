// runtime/flow.ts: the one OAuth code flow of every shell (issue #14), with the consent shown by `launch`.
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import type { AdapterContext } from '../../adapters/types.ts';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import {
  CONSENT_TIMEOUT,
  ConsentError,
  createCodeFlow,
  englishFlowWords,
  type Launch,
} from '../../runtime/flow.ts';

const REDIRECT = 'https://app.example/callback';
const account = { id: 'li-1', network: 'linkedin' as const };

function flow(launch: Launch, clientId = MOCK_CLIENTS.linkedin.clientId, timeout?: number) {
  const context = (): AdapterContext => ({
    fetch: async () => {
      throw new TypeError('no network in this test');
    },
    now: () => 0,
    config: { clientId, redirectUri: REDIRECT },
  });
  return createCodeFlow({ adapters: ADAPTERS, context, launch, words: englishFlowWords, timeout });
}

/** The redirect the network would send for the authorize URL the flow opened, with `params`. */
function answering(
  params: (sent: URLSearchParams) => Record<string, string>,
  where: 'query' | 'hash' = 'query',
) {
  const launched: string[] = [];
  const launch: Launch = async (url) => {
    launched.push(url);
    const back = new URL(REDIRECT);
    const values = new URLSearchParams(params(new URL(url).searchParams));
    if (where === 'query') back.search = values.toString();
    else back.hash = values.toString();
    return back.href;
  };
  return { launch, launched };
}

describe('the OAuth code flow', () => {
  it('RFC 6749 §10.12: an answer carrying another state is refused before its error or code is read', async () => {
    const forged = answering(() => ({ state: 'someone-elses', error: 'access_denied', code: 'c' }));
    expect(await flow(forged.launch)(account, {})).toEqual({
      ok: false,
      message:
        'The answer from LinkedIn did not match this request (state mismatch), so it was refused; nothing was changed. Try again.',
    });
  });

  it('a cancel at the network (its own error, with our state) says so; LinkedIn names it differently', async () => {
    const cancelled = answering((sent) => ({ state: sent.get('state')!, error: 'user_cancelled_authorize' }));
    expect(await flow(cancelled.launch)(account, {})).toMatchObject({
      ok: false,
      message: 'Consent was cancelled on LinkedIn; nothing was changed.',
    });
    const refused = answering((sent) => ({ state: sent.get('state')!, error: 'server_error' }));
    expect(await flow(refused.launch)(account, {})).toMatchObject({
      message: 'LinkedIn refused the connection (server_error); nothing was changed. Try again.',
    });
  });

  it('reads an answer sent in the URL fragment too', async () => {
    const inFragment = answering((sent) => ({ state: sent.get('state')!, error: 'access_denied' }), 'hash');
    expect(await flow(inFragment.launch)(account, {})).toMatchObject({
      message: 'Consent was cancelled on LinkedIn; nothing was changed.',
    });
  });

  it('a missing client id is reported before any consent is shown', async () => {
    const shown = answering(() => ({}));
    expect(await flow(shown.launch, '')(account, {})).toMatchObject({
      message: 'No client id is set for LinkedIn. Configure it, then try again.',
    });
    expect(shown.launched).toEqual([]);
  });

  it('a consent page that fails says what it answered; a closed one is a cancel', async () => {
    const failing: Launch = async () => {
      throw new ConsentError('the consent page answered 400: no such account');
    };
    expect(await flow(failing)(account, {})).toMatchObject({
      message:
        'LinkedIn refused the sign-in (the consent page answered 400: no such account); nothing was changed. Try again.',
    });
    const closed: Launch = async () => {
      throw new Error('The user did not approve access.');
    };
    expect(await flow(closed)(account, {})).toMatchObject({
      message: 'Consent was cancelled on LinkedIn; nothing was changed.',
    });
  });

  it(`#13 finding 6: a consent nobody finishes is given up after the timeout (${CONSENT_TIMEOUT / 60_000} minutes by default) and the shell is told to close it`, async () => {
    let aborted = false;
    const forever: Launch = (_url, _account, signal) =>
      new Promise<string>(() => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
      });
    const given = await flow(forever, undefined, 30)(account, {});
    expect(given.ok).toBe(false);
    expect(!given.ok && given.message).toMatch(
      /^Nobody finished the LinkedIn consent within \d+ minutes?, so it was given up; nothing was changed\./,
    );
    expect(aborted).toBe(true);
    expect(CONSENT_TIMEOUT).toBe(5 * 60_000);
  });
});
