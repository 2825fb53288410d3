// world.grant({ at, renewedAt }): an account connected long before a simulation starts, by a product that
// kept renewing its token. The token (and Google's refresh-token idle clock) count from the renewal; the
// consent still drives Meta's 90-day data access (R1) and LinkedIn's fixed 365-day refresh horizon.
import { describe, expect, it } from 'vitest';
import { MOCK_CLIENTS } from '../../mocks/clients.ts';
import { createEnv, DAY, HOUR, T0, useServer } from './harness.ts';

useServer();

const refresh = (token: string) =>
  fetch('https://oauth2.googleapis.com/token', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: token,
      client_id: MOCK_CLIENTS.youtube.clientId,
      client_secret: MOCK_CLIENTS.youtube.clientSecret,
    }),
  });

describe('world.grant with renewedAt', () => {
  it('R12: a Google refresh token renewed recently works although the consent is over six months old', async () => {
    const env = createEnv();
    env.world.addAccount({ id: 'yt', network: 'youtube' });
    const tokens = env.world.grant('yt', { at: T0 - 300 * DAY, renewedAt: T0 });
    expect(tokens.expiresAt).toBe(T0 + HOUR - 1000); // expires_in: 3599 [BK-G]
    expect((await refresh(tokens.refreshToken!)).status).toBe(200);
  });

  it('without renewedAt the same refresh token has been idle too long (6 months, [G-OAUTH2])', async () => {
    const env = createEnv();
    env.world.addAccount({ id: 'yt', network: 'youtube' });
    const tokens = env.world.grant('yt', { at: T0 - 300 * DAY });
    const answer = await refresh(tokens.refreshToken!);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('R1: Meta data access still counts from the consent, not from the renewal', async () => {
    const env = createEnv();
    env.world.addAccount({ id: 'fb', network: 'facebook' });
    const tokens = env.world.grant('fb', { at: T0 - 80 * DAY, renewedAt: T0 });
    expect(tokens.expiresAt).toBeNull(); // the Page token (networks.md §1.2 Decision)
    const { id, secret } = { id: MOCK_CLIENTS.facebook.clientId, secret: MOCK_CLIENTS.facebook.clientSecret };
    const url = `https://graph.facebook.com/v20.0/debug_token?input_token=${tokens.accessToken}&access_token=${id}|${secret}`;
    const body = (await (await fetch(url)).json()) as {
      data: { data_access_expires_at: number; type: string; expires_at: number; is_valid: boolean };
    };
    expect(body.data).toMatchObject({ type: 'PAGE', expires_at: 0, is_valid: true });
    expect(body.data.data_access_expires_at * 1000).toBe(T0 + 10 * DAY);
  });
});
