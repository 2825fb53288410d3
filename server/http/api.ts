// Routes as data: method, path, who may call it, zod schemas for the body, query and answer. One table
// drives both the validation (every body zod-validated, errors naming the field) and the OpenAPI document
// (zod 4's own toJSONSchema, so no generator library sits between the schemas and the document).
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Member } from '../members.ts';
import { ApiError, ErrorBody, invalid } from './errors.ts';

export type Auth = 'none' | 'member' | 'admin';

export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth: Auth;
  body?: B;
  query?: Q;
  response: z.ZodType | null;
  status?: number;
  /** Not JSON: the scenario run answers text/plain, the OAuth callback redirects. */
  raw?: string;
}

export interface Input<B, Q> {
  body: B;
  query: Q;
  member: Member;
}

export type Env = { Variables: { member: Member } };

export type Handler<B, Q> = (c: Context<Env>, input: Input<B, Q>) => Promise<Response> | Response;

export interface Registered {
  spec: RouteSpec;
  handler: Handler<unknown, unknown>;
}

export function route<B extends z.ZodType, Q extends z.ZodType>(
  spec: RouteSpec<B, Q>,
  handler: Handler<z.infer<B>, z.infer<Q>>,
): Registered {
  return { spec, handler: handler as Handler<unknown, unknown> };
}

async function readBody(c: Context, schema: z.ZodType | undefined): Promise<unknown> {
  if (!schema) return undefined;
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError(
      400,
      'invalid-body',
      'The request body is not JSON. Send a JSON object with Content-Type: application/json.',
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error, 'body');
  return parsed.data;
}

/** Resolves the caller for a route that needs one (401/403 otherwise). */
export type Authenticate = (c: Context<Env>, need: Exclude<Auth, 'none'>) => Promise<Member>;

export function mount(app: Hono<Env>, routes: readonly Registered[], authenticate: Authenticate): void {
  for (const { spec, handler } of routes) {
    app[spec.method](spec.path, async (c) => {
      // Authentication first: an anonymous caller learns nothing, not even whether the body was valid.
      if (spec.auth !== 'none') c.set('member', await authenticate(c, spec.auth));
      const body = await readBody(c, spec.body);
      let query: unknown;
      if (spec.query) {
        const parsed = spec.query.safeParse(c.req.query());
        if (!parsed.success) throw invalid(parsed.error, 'query');
        query = parsed.data;
      }
      return handler(c, { body, query, member: c.get('member') });
    });
  }
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3.0 document for the table; schemas with a `.meta({ id })` become shared components. */
export function openApi(routes: readonly Registered[], info: { title: string; version: string }) {
  const components: Record<string, unknown> = {};
  const schema = (s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
    const json = z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    const { definitions, ...rest } = json as { definitions?: Record<string, unknown> };
    const hoist = (v: unknown) =>
      JSON.parse(JSON.stringify(v).replaceAll('#/definitions/', '#/components/schemas/'));
    for (const [name, def] of Object.entries(definitions ?? {})) components[name] ??= hoist(def);
    return hoist(rest);
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of routes) {
    const params = [...spec.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = spec.query
      ? Object.entries((schema(spec.query, 'input').properties ?? {}) as Record<string, unknown>).map(
          ([name, s]) => ({
            name,
            in: 'query',
            required: false,
            schema: s,
          }),
        )
      : [];
    const ok = String(spec.status ?? 200);
    paths[toOpenApiPath(spec.path)] ??= {};
    paths[toOpenApiPath(spec.path)]![spec.method] = {
      summary: spec.summary,
      ...(spec.auth === 'none' ? { security: [] } : {}),
      parameters: [...params, ...query],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [ok]: spec.response
          ? {
              description: 'OK',
              content: { 'application/json': { schema: schema(spec.response, 'output') } },
            }
          : { description: spec.raw ?? 'OK' },
        default: {
          description: 'An error',
          content: { 'application/json': { schema: schema(ErrorBody, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info,
    components: { schemas: components, securitySchemes: { member: { type: 'http', scheme: 'bearer' } } },
    security: [{ member: [] }],
    paths,
  };
}
