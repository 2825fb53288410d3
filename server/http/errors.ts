// The API's one error shape, `{ "error": { "code", "message", "field"? } }`, with messages that say what
// to do. Unexpected errors are logged and answered without their text (it could name internals).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Logger } from '../log.ts';
import { JoinRefused } from '../members.ts';
import { TeamNotFound } from '../teams.ts';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field?: string;

  constructor(status: ContentfulStatusCode, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export const notFound = (what: string) =>
  new ApiError(
    404,
    'not-found',
    `${what} does not exist in your team, or you may not see it. GET /api/view lists what you can see.`,
  );

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

/** The first zod issue as an API error naming its field. */
export function invalid(error: z.ZodError, where: 'body' | 'query'): ApiError {
  const issue = error.issues[0]!;
  const field = issue.path.join('.');
  return new ApiError(
    400,
    `invalid-${where}`,
    `${field ? `${field}: ` : ''}${issue.message}. Fix the request ${where} and send it again (the OpenAPI document at /openapi.json describes it).`,
    field || undefined,
  );
}

export function errorResponse(c: Context, error: unknown, log: Logger) {
  const e =
    error instanceof ApiError
      ? error
      : error instanceof TeamNotFound
        ? notFound('That team')
        : error instanceof JoinRefused
          ? new ApiError(400, 'invite-refused', error.message)
          : null;
  if (e) {
    return c.json(
      { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } },
      e.status,
    );
  }
  log.error({ err: error, path: c.req.path }, 'request failed');
  return c.json(
    {
      error: {
        code: 'internal',
        message:
          'Something went wrong on the server (it is logged). Try again; if it persists, tell your administrator.',
      },
    },
    500,
  );
}
