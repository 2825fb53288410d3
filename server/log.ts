// Structured logs (pino). Redaction is a second line of defence: nothing here logs a token on purpose, and
// the server tests scan every line for every secret they created (issue #15 "Secrets").
import { type DestinationStream, type Logger, pino } from 'pino';

/** Field paths that could carry a credential if someone logged a request or a token set. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.token',
  '*.code',
  '*.state',
  '*.codeVerifier',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'token',
];

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'social-health-server' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
