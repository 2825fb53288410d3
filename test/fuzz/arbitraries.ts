// fast-check generators for what a hostile network and a careless tester send: answers (status, headers,
// bodies: the networks' own error shapes with odd values, and arbitrary JSON) and scenario files (mostly
// well-formed, with wrong references, odd values and mutations mixed in).
import fc from 'fast-check';

export const NETWORKS = ['facebook', 'instagram', 'x', 'linkedin', 'youtube'] as const;

/** Headers the adapters read, and a few they do not. */
const HEADER_NAMES = [
  'retry-after',
  'x-rate-limit-reset',
  'x-rate-limit-remaining',
  'x-user-limit-24hour-remaining',
  'x-user-limit-24hour-reset',
  'x-app-limit-24hour-remaining',
  'x-app-limit-24hour-reset',
  'x-business-use-case-usage',
  'x-app-usage',
  'x-page-usage',
  'x-restli-id',
  'content-type',
  'location',
];

/** Header values fetch accepts (no CR, LF, NUL; Latin-1): numbers of every size, dates, JSON, garbage. */
const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) });
const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, 99999999999999, 2 ** 53, 0.5),
);
export const headerValue = fc.oneof(
  fc.stringMatching(/^\d{1,30}$/),
  fc.constantFrom('0', '-1', '1.5', '1e308', 'NaN', 'Infinity', '', 'soon', '99999999999999', '0x10'),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toUTCString()),
  fc
    .dictionary(
      fc.string({ maxLength: 4 }),
      fc.array(fc.record({ type: fc.string(), estimated_time_to_regain_access: oddNumber }), {
        maxLength: 2,
      }),
    )
    .map((v) => JSON.stringify(v)),
  fc
    .dictionary(fc.constantFrom('call_count', 'total_time', 'total_cputime'), oddNumber)
    .map((v) => JSON.stringify(v)),
  latin1,
);
export const headers = fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 5 });

const text = fc.string({ maxLength: 30 });
const inner = fc.record(
  {
    code: fc.oneof(fc.constantFrom(1, 2, 4, 10, 17, 32, 100, 102, 190, 200, 506, 613, 80001), fc.integer()),
    error_subcode: fc.oneof(fc.constantFrom(33, 458, 459, 460, 463, 464, 466, 467, 492), fc.integer()),
    subcode: fc.integer(),
    message: fc.oneof(text, fc.constantFrom('Session has expired', 'changed their password', 'checkpoint')),
    type: text,
    error_user_msg: text,
  },
  { requiredKeys: ['code'] },
);
const GOOGLE_REASONS = [
  'authenticatedUserAccountClosed',
  'authenticatedUserAccountSuspended',
  'youtubeSignupRequired',
  'authError',
  'quotaExceeded',
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'uploadLimitExceeded',
  'forbidden',
];

/** Bodies: each network's error and success shapes with odd values, arbitrary JSON, and no JSON at all. */
export const body: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ error: inner }),
  fc.record({
    data: fc.record({
      is_valid: fc.boolean(),
      data_access_expires_at: oddNumber,
      error: inner,
      expires_at: oddNumber,
    }),
  }),
  fc.record({
    title: text,
    detail: text,
    type: fc.constantFrom('https://api.x.com/2/problems/resource-not-found', 'about:blank', 'user-suspended'),
    status: fc.integer(),
  }),
  fc.record({
    error: fc.constantFrom(
      'invalid_grant',
      'invalid_request',
      'invalid_client',
      'invalid_token',
      'unauthorized_client',
    ),
    error_description: text,
  }),
  fc.record({
    serviceErrorCode: fc.oneof(fc.constantFrom(65600, 65601, 65602, 101), fc.integer()),
    code: fc.constantFrom('REVOKED_ACCESS_TOKEN', 'EXPIRED_ACCESS_TOKEN', 'TOO_MANY_REQUESTS', 'X'),
    message: text,
    status: fc.integer(),
  }),
  fc.record({ active: fc.boolean(), status: fc.constantFrom('revoked', 'expired', 'active', 'x') }),
  fc.record({
    error: fc.record({
      code: fc.integer(),
      message: text,
      status: fc.constantFrom('UNAUTHENTICATED', 'RESOURCE_EXHAUSTED', 'PERMISSION_DENIED'),
      errors: fc.array(fc.record({ reason: fc.constantFrom(...GOOGLE_REASONS), message: text }), {
        maxLength: 2,
      }),
    }),
  }),
  fc.record({
    access_token: text,
    refresh_token: fc.option(text, { nil: undefined }),
    expires_in: oddNumber,
    refresh_token_expires_in: oddNumber,
    token_type: fc.constant('bearer'),
    scope: text,
  }),
  fc.record({ data: fc.record({ id: text, name: text, username: text }) }),
  fc.record({
    id: text,
    sub: text,
    name: text,
    aud: text,
    kind: text,
    items: fc.array(fc.record({ id: text }), { maxLength: 1 }),
  }),
  fc.constant(undefined),
);

/** An HTTP answer: a status fetch can carry, headers, and a body (undefined = empty; a string = raw text). */
export const answer = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 201, 204, 205, 304, 400, 401, 403, 404, 429, 500, 503),
    fc.integer({ min: 200, max: 599 }),
  ),
  headers,
  body: fc.oneof(body, fc.string({ maxLength: 40 })),
});
export type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

/** The Response a fetch would give for an answer (null-body statuses carry none, as fetch insists). */
export function toResponse(a: Answer): Response {
  const nullBody = [204, 205, 304].includes(a.status);
  const text = typeof a.body === 'string' ? a.body : a.body === undefined ? '' : JSON.stringify(a.body);
  return new Response(nullBody ? null : text, { status: a.status, headers: a.headers });
}
