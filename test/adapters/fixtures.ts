// Response bodies copied verbatim from /work/shared/spec/networks.md (section and source tag on each).
// Where networks.md only gives a message text or field list, the body is marked "built from".

// ── Meta: Facebook (§1) ────────────────────────────────────────────────────────────────────────────

/** §1.3 official debug_token sample [FB-DBG]. */
export const FB_DEBUG_VALID = {
  data: {
    app_id: '{app-id}',
    type: 'USER',
    application: '{app-name}',
    data_access_expires_at: 1576687825,
    expires_at: 1570820400,
    is_valid: true,
    scopes: ['pages_show_list', 'public_profile'],
    granular_scopes: [
      {
        scope: 'pages_show_list',
        target_ids: ['{page-1-app-can-access-id}', '{page-2-app-can-access-id}'],
      },
    ],
    user_id: '10215241773831025',
  },
};

/** §1.3 [BK-FBAPI] is_valid:false, subcode 463. Captured at "Thursday, 17-Nov-22 21:30:03 PST". */
export const FB_DEBUG_EXPIRED_463 = {
  data: {
    app_id: '257422819769992',
    type: 'USER',
    application: 'oauth2-rs-f-b-web-app-demo',
    data_access_expires_at: 1671205551,
    error: {
      code: 190,
      message:
        'Error validating access token: Session has expired on Wednesday, 16-Nov-22 07:45:51 PST. The current time is Thursday, 17-Nov-22 21:30:03 PST.',
      subcode: 463,
    },
    expires_at: 1668613551,
    is_valid: false,
    issued_at: 1663429551,
    scopes: ['email', 'public_profile'],
    user_id: '123',
  },
};
/** The capture's own "current time": 17-Nov-22 21:30:03 PST. */
export const FB_463_CAPTURED_AT = Date.UTC(2022, 10, 18, 5, 30, 3);

/** §1.3 [BK-FBAPI] is_valid:false, subcode 460 (data access until 1671412462 = 2022-12-19). */
export const FB_DEBUG_PASSWORD_460 = {
  data: {
    app_id: '257422819769992',
    type: 'USER',
    application: 'oauth2-rs-f-b-web-app-demo',
    data_access_expires_at: 1671412462,
    error: {
      code: 190,
      message:
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      subcode: 460,
    },
    expires_at: 0,
    is_valid: false,
    scopes: ['email', 'instagram_basic', '...'],
    user_id: '123',
  },
};

/** §1.3 [BK-FBAPI] is_valid:false, subcode 466 (data access until 1630564369 = 2021-09-02). */
export const FB_DEBUG_INVALIDATED_466 = {
  data: {
    app_id: '202493264460000',
    type: 'USER',
    application: 'xxxx',
    data_access_expires_at: 1630564369,
    error: {
      code: 190,
      message: 'Error validating access token: The session was invalidated explicitly using an API call.',
      subcode: 466,
    },
    expires_at: 1622793600,
    is_valid: false,
    scopes: [],
    user_id: '1882252945270000',
  },
};

/** §1.3 [BK-FBAPI] is_valid:false without subcode nor data_access_expires_at. */
export const FB_DEBUG_CANNOT_PARSE = {
  data: {
    error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
    is_valid: false,
    scopes: [],
  },
};

/** §1.3 wrong caller token, HTTP 400 [BK-FBAPI]. */
export const FB_DEBUG_WRONG_CALLER_400 = {
  error: {
    message:
      '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    type: 'OAuthException',
    code: 100,
    fbtrace_id: 'ATro7hQJL1cSosoigB2Od10',
  },
};

/** §1.4 official envelope [FB-ERR] (190 with error_subcode 460). */
export const FB_ENVELOPE_OFFICIAL = {
  error: {
    message: 'Message describing the error',
    type: 'OAuthException',
    code: 190,
    error_subcode: 460,
    error_user_title: 'A title',
    error_user_msg: 'A message',
    fbtrace_id: 'EJplcsCHuLu',
  },
};

/** §1.4 observed expired body, HTTP 400, NO error_subcode [BK-FBAPI err__access_token_session_has_expired.json]. */
export const FB_SESSION_EXPIRED_NO_SUBCODE = {
  error: {
    message:
      'Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT. The current time is Tuesday, 22-Nov-22 19:54:40 PST.',
    type: 'OAuthException',
    code: 190,
    fbtrace_id: 'AOl1gSqZRMyPzEMw9OJXzYh',
  },
};

/** §1.4 observed password-change body, NO error_subcode [BK-FBAPI err__access_token_session_has_been_invalidated.json]. */
export const FB_PASSWORD_CHANGED_NO_SUBCODE = {
  error: {
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    type: 'OAuthException',
    code: 190,
    fbtrace_id: 'AnXK4d44QgU4tjsUwmICTtj',
  },
};

/** §1.4 subcode table: message texts "seen in the wild", built into the [FB-ERR] envelope without subcode. */
export const FB_SUBCODE_MESSAGES = {
  458: 'Error validating access token: The user has not authorized application {app-id}.',
  459: 'Error validating access token: The user is enrolled in a blocking, logged-in checkpoint',
  460: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  463: 'Error validating access token: Session has expired on Thursday, 06-Oct-22 00:00:00 PDT. The current time is Tuesday, 22-Nov-22 19:54:40 PST.',
  464: 'Error validating access token: Sessions for the user are not allowed because the user is not a confirmed user.',
  466: 'Error validating access token: The session was invalidated explicitly using an API call.',
} as const;

/** §1.4 other observed 190 messages [BK-FBAPI]. */
export const FB_OTHER_190_MESSAGES = [
  'The access token could not be decrypted',
  'Error validating access token: Session key is malformed.',
  'Invalid OAuth access token - Debug only access token',
];

/** §1.4 rate-limit samples [FB-RL] and code 4 [FB-4-BODY] (observed with HTTP 403 [FB-403-4]). */
export const FB_PAGE_LIMIT_32 = {
  error: {
    message: '(#32) Page request limit reached',
    type: 'OAuthException',
    code: 32,
    fbtrace_id: 'Fz54k3GZrio',
  },
};
export const FB_PAGE_LIMIT_80001 = {
  error: {
    message:
      '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
    type: 'OAuthException',
    code: 80001,
    fbtrace_id: 'AmFGcW_3hwDB7qFbl_QdebZ',
  },
};
export const FB_APP_LIMIT_4 = {
  error: {
    message: '(#4) Application request limit reached',
    type: 'OAuthException',
    is_transient: true,
    code: 4,
    fbtrace_id: 'E+h93KlSgIM',
  },
};
/** §1.4 usage headers [FB-RL]. */
export const FB_BUC_HEADER =
  '{"{business-object-id}":[{"type":"pages","call_count":97,"total_cputime":23,"total_time":23,"estimated_time_to_regain_access":0}]}';
export const FB_APP_USAGE_HEADER = '{"call_count":28,"total_time":25,"total_cputime":25}';

/** §1.4 code 2 (weak public list). */
export const FB_SERVICE_2 = {
  error: { code: 2, message: 'An unexpected error has occurred. Please retry your request later.' },
};

/** §1.5 long-lived exchange, official sample without its comment [FB-LL]. */
export const FB_LONG_LIVED = {
  access_token: '{long-lived-user-access-token}',
  token_type: 'bearer',
  expires_in: 5183944,
};

/** §1.6 /me observed excerpt [BK-OAUTH me.json]: the picture shape reused for /me/accounts. */
export const FB_PICTURE = {
  data: {
    height: 50,
    is_silhouette: false,
    url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=...',
    width: 50,
  },
};

// ── Meta: Instagram (§2) ───────────────────────────────────────────────────────────────────────────

/** §2.1 code exchange, reference [IG-OAT] (the user_id exceeds 2^53: kept as JSON text). */
export const IG_CODE_ANSWER_TEXT = '{ "access_token": "IGQVJ...", "user_id": 17841405793187218 }';
/** §2.2 long-lived exchange and refresh, observed [BK-IG]. */
export const IG_LONG_LIVED = { access_token: 'x*141', token_type: 'bearer', expires_in: 5184000 };
export const IG_REFRESHED = { access_token: 'x*144', token_type: 'bearer', expires_in: 5183828 };

/** §2.4 expired, HTTP 400 [BK-IG me_err__400.json]. */
export const IG_EXPIRED = {
  error: {
    message:
      'Error validating access token: Session has expired on Wednesday, 26-Oct-22 20:00:00 PDT. The current time is Wednesday, 26-Oct-22 21:51:57 PDT.',
    type: 'OAuthException',
    code: 190,
    fbtrace_id: 'AiIN6AR8BYTYzmsXn6aDyj0',
  },
};
/** §2.4 password change [BK-IG err__3.json]. */
export const IG_PASSWORD = {
  error: {
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    type: 'OAuthException',
    code: 190,
    fbtrace_id: 'AcIOG4kOlL7jyZ-Oj14Vede',
  },
};
/** §2.4 permission error [BK-IG err__1.json]. */
export const IG_PERMISSION_10 = {
  error: {
    message: 'Application does not have permission for this action',
    type: 'IGApiException',
    code: 10,
    fbtrace_id: 'AJ7la3EDQU1C__Nd1DXukSR',
  },
};
/** §2.4 invalid token [BK-IG v14.0/err__access_token_invalid_1.json]. */
export const IG_CANNOT_DECRYPT = {
  error: {
    message: 'The access token could not be decrypted',
    type: 'OAuthException',
    code: 190,
    fbtrace_id: 'AdKs21Dd5JiEa-KvkQM24Yl',
  },
};
/** §2.4 publishing error (the fields networks.md quotes). */
export const IG_MEDIA_DOWNLOAD_FAILED = {
  error: {
    code: 9004,
    error_subcode: 2207052,
    is_transient: false,
    error_user_title: 'Media download has failed',
  },
};
/** §2.4 weak observed throttle body (the "..." in the source stands for fbtrace_id, left out). */
export const IG_LIMIT_80002 = {
  error: {
    message: '(#80002) There have been too many calls to this Instagram account.',
    type: 'OAuthException',
    code: 80002,
  },
};
/** §2.6 /me legacy shape, observed [BK-IG me_without_media_ok.json]. */
export const IG_ME_LEGACY = { account_type: 'BUSINESS', id: '6489782497758472', username: 'qq122755990' };

// ── X (§3) ─────────────────────────────────────────────────────────────────────────────────────────

/** §3.1 token response [BK-TW]. */
export const X_TOKEN = {
  token_type: 'bearer',
  expires_in: 7200,
  access_token: 'x*91',
  scope: 'tweet.write users.read tweet.read offline.access',
  refresh_token: 'x*91',
};
/** §3.3 users/me success [BK-TWRS]. */
export const X_ME = {
  data: {
    created_at: '2013-12-14T04:35:55.000Z',
    username: 'TwitterDev',
    pinned_tweet_id: '1255542774432063488',
    id: '2244994945',
    name: 'Twitter Dev',
  },
};
/** §3.3 invalid/expired/revoked, HTTP 401 [BK-TW users_me_fail.json]. */
/** X's locked-account answer (networks.md §3.4 Decision: HTTP 403, code 326, text from zaydek/100xcode#4). */
export const X_LOCKED_326 = {
  errors: [
    {
      code: 326,
      message:
        'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://twitter.com to unlock your account.',
    },
  ],
};
export const X_401 = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
/** §3.4 rate limit, HTTP 429. */
export const X_429 = {
  title: 'Too Many Requests',
  detail: 'Too Many Requests',
  type: 'about:blank',
  status: 429,
};
/** §3.4 usage cap, HTTP 429 (weak). */
export const X_USAGE_CAPPED = {
  title: 'UsageCapExceeded',
  detail: 'Usage cap exceeded: Monthly product cap',
  period: 'Monthly',
  scope: 'Product',
  status: 429,
  type: 'https://api.twitter.com/2/problems/usage-capped',
};
/** §3.4 client-forbidden, HTTP 403 [BK-TWRS]. */
export const X_CLIENT_FORBIDDEN = {
  client_id: '101010101',
  required_enrollment: 'Standard Basic',
  registration_url: 'https://developer.twitter.com/en/account',
  title: 'Client Forbidden',
  detail:
    'This request must be made using an approved developer account that is enrolled in the requested endpoint. Learn more by visiting our documentation.',
  reason: 'client-not-enrolled',
  type: 'https://api.twitter.com/2/problems/client-forbidden',
};
/** §3.4 refused refresh token, HTTP 400 (weak). */
export const X_REFRESH_REFUSED = {
  error: 'invalid_request',
  error_description: 'Value passed for the token was invalid.',
};
/** §3.4 used auth code [X-TOKERR #496] (its `errors: [ [Object] ]` is a console rendering, left out). */
export const X_CODE_REFUSED = {
  error: 'invalid_request',
  error_description: 'Value passed for the authorization code was invalid.',
};
/** §3.4 confidential client without Basic header, HTTP 401 [X-TOKERR #319] (built from the quoted pair). */
export const X_MISSING_BASIC = {
  error: 'unauthorized_client',
  error_description: 'Missing valid authorization header',
};
/** §3.4 resource-not-found type [X-ERR] (built from the listed type). */
export const X_NOT_FOUND = {
  title: 'Not Found Error',
  detail: 'Could not find user.',
  type: 'https://api.twitter.com/2/problems/resource-not-found',
};

// ── LinkedIn (§4) ──────────────────────────────────────────────────────────────────────────────────

/** §4.1 token response without refresh token [BK-LI]. */
export const LI_TOKEN = { access_token: 'x*350', expires_in: 5183999 };
/** §4.3 introspection sample [LI-INTRO]. */
export const LI_INTROSPECT_ACTIVE = {
  active: true,
  client_id: 'xxxxxxxx',
  authorized_at: 1493055596,
  created_at: 1493055596,
  status: 'active',
  expires_at: 1497497620,
  scope: 'r_liteprofile,r_emailaddress,w_member_social',
  auth_type: '_see note below_',
};
/** §4.3 inactive bodies, inferred from the field docs (unverified shape). */
export const LI_INTROSPECT_REVOKED = { active: false, status: 'revoked' };
export const LI_INTROSPECT_EXPIRED = { active: false, status: 'expired' };
/** §4.4 revoked, HTTP 401 [LI-401]. */
export const LI_65601 = {
  status: 401,
  serviceErrorCode: 65601,
  code: 'REVOKED_ACCESS_TOKEN',
  message: 'The token used in the request has been revoked by the user',
};
/** §4.4 expired, HTTP 401 (weak). */
export const LI_65602 = {
  status: 401,
  serviceErrorCode: 65602,
  code: 'EXPIRED_ACCESS_TOKEN',
  message: 'The token used in the request has expired',
};
/** §4.4 invalid, older envelope [LI-401 react-native-linkedin#80]. */
export const LI_65600 = { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 };
/** §4.4 refresh failure [NANGO] (unverified for LinkedIn). */
export const LI_INVALID_GRANT = {
  error: 'invalid_grant',
  error_description: 'Token has been expired or revoked.',
};
/** §4.4 rate limit, HTTP 429 (weak). */
export const LI_429 = {
  status: 429,
  serviceErrorCode: 101,
  code: 'TOO_MANY_REQUESTS',
  message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
};

// ── Google / YouTube (§5) ──────────────────────────────────────────────────────────────────────────

/** §5.1 token response [BK-G] (id_token left out, as in networks.md). */
export const G_TOKEN = {
  access_token: 'x*163',
  expires_in: 3599,
  refresh_token: 'x*103',
  scope: 'openid https://www.googleapis.com/auth/userinfo.email',
  token_type: 'Bearer',
};
/** §5.1 the same token response with its id_token placeholder, as quoted [BK-G access_token_with_authorization_code_grant.json]. */
export const G_TOKEN_WITH_ID_TOKEN = { ...G_TOKEN, id_token: 'eyJ...' };
/** §5.3 tokeninfo, valid (weak; values are strings). */
export const G_TOKENINFO_VALID = {
  azp: '...',
  aud: '...',
  scope: 'https://www.googleapis.com/auth/chromewebstore',
  exp: '1679875401',
  expires_in: '3560',
  access_type: 'offline',
};
/** §5.3 tokeninfo, invalid/expired/revoked, HTTP 400. */
export const G_TOKENINFO_INVALID = { error: 'invalid_token', error_description: 'Invalid Value' };
/** §5.4 dead refresh token, HTTP 400 [G-GRANT]. */
export const G_INVALID_GRANT = {
  error: 'invalid_grant',
  error_description: 'Token has been expired or revoked.',
};
/** §5.4 401 envelope as quoted in [G-401] (JS object notation turned into JSON). */
export const G_401_OLD = {
  code: 401,
  errors: [
    {
      domain: 'global',
      reason: 'authError',
      message: 'Invalid Credentials',
      locationType: 'header',
      location: 'Authorization',
    },
  ],
};
/** §5.4 modern 401 (weak). */
export const G_401 = {
  error: {
    code: 401,
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    errors: [
      {
        message: 'Invalid Credentials',
        domain: 'global',
        reason: 'authError',
        location: 'Authorization',
        locationType: 'header',
      },
    ],
    status: 'UNAUTHENTICATED',
  },
};
/** §5.4 quota, HTTP 403 [YT-QE]. */
export const G_QUOTA = {
  error: {
    code: 403,
    message:
      'The request cannot be completed because you have exceeded your \u003ca href="/youtube/v3/getting-started#quota"\u003equota\u003c/a\u003e.',
    errors: [
      {
        message:
          'The request cannot be completed because you have exceeded your \u003ca href="/youtube/v3/getting-started#quota"\u003equota\u003c/a\u003e.',
        domain: 'youtube.quota',
        reason: 'quotaExceeded',
      },
    ],
  },
};

/** §5.4 reasons from the official table [YT-ERR], [G-DRIVE-ERR], [YT-UPL], [POSTIZ-YT], in the modern envelope. */
export function googleError(code: number, reason: string, message = reason) {
  return { error: { code, message, errors: [{ message, domain: 'youtube', reason }] } };
}
