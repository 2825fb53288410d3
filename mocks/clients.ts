// The OAuth clients the mock networks know. A mock network accepts only its own row: any other client id or
// secret gets that network's client error (see handlers/*). The values imitate each network's real format so an
// adapter that validates or logs them sees nothing unusual; they are fixed (not seed-dependent) so a simulation
// build can bake them in.
import type { Network } from '../core/schemas.ts';

export interface MockClient {
  clientId: string;
  clientSecret: string;
}

export const MOCK_CLIENTS: Record<Network, MockClient> = {
  // Meta app id (numeric) + 32-hex app secret [FB-LL].
  facebook: { clientId: '1486290532184761', clientSecret: '5f3a9c0d2b7e4f1a8c6d0e9b3a2f7c41' },
  // Instagram Login uses its own "Instagram app id/secret", distinct from the Facebook app's [IG-BL].
  instagram: { clientId: '1029384756102938', clientSecret: '9b1e7d3c5a0f2e8d4c6b1a7f3e9d0c25' },
  // X OAuth 2 client id (base64-ish) + confidential-client secret [X-AC].
  x: {
    clientId: 'cWJ6TnBmTXJkQ1hfU3ZrYW1vY2s6MTpjaQ',
    clientSecret: 'mK3vQ9xTz_Lw2sR8yN5pB1cD7fG4hJ6kM0nV3bX9zA2qW5eR8t',
  },
  // LinkedIn client id (14 chars) + WPL_AP1 secret.
  linkedin: { clientId: '86mockli2x7q0z', clientSecret: 'WPL_AP1.mOcKsEcReT9xY2z.Qk7Lw3==' },
  // Google web client: "<project-number>-<id>.apps.googleusercontent.com" + GOCSPX- secret [G-WEBSERVER].
  youtube: {
    clientId: '318274650912-m0ck5ocialhea1thq7v2x9b4n8c3d6f1e.apps.googleusercontent.com',
    clientSecret: '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',
  },
};
