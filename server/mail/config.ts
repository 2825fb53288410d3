// Mail configuration from the environment (or the server's config file): SMTP_URL and MAIL_FROM. Without
// them email is off and the product works otherwise; the server says so once at start and in /readyz.
// Secure by default: `smtp://` requires STARTTLS (credentials and mail never cross a network in clear
// text) except to a relay on this machine; `smtps://` is TLS from the first byte (RFC 8314).

import type { SMTPTransportOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';

export interface MailEnv {
  SMTP_URL?: string | undefined;
  MAIL_FROM?: string | undefined;
}

export interface MailOn {
  enabled: true;
  transport: SMTPTransportOptions;
  from: { name: string; address: string };
  /** The right-hand side of Message-IDs: the sender's domain. */
  domain: string;
  /** Where mail goes, safe to log: the user and password are never part of it. */
  summary: string;
  /** The user name and password, so error texts can be scrubbed of them (some providers use a token as the user). */
  secrets: string[];
}

export interface MailOff {
  enabled: false;
  /** What the server says at start and in /readyz's details: what is missing and how to fix it. */
  message: string;
}

export type MailConfig = MailOn | MailOff;

const HOW =
  'Set SMTP_URL (smtp://user:password@host:587, or smtps://user:password@host:465 for TLS from the start) ' +
  'and MAIL_FROM (for example "Social health <alerts@example.com>") to send reminders, alerts and digests.';

/** Without an answer within these, a send is a temporary failure and is retried later (the job must not hang). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as const;

const PROTOCOLS: Record<string, { secure: boolean; port: number }> = {
  'smtp:': { secure: false, port: 587 },
  'smtps:': { secure: true, port: 465 },
};

/** `?tls=optional` lets `smtp://` fall back to plain text for a relay that cannot STARTTLS (a choice made knowingly). */
const TLS_CHOICES = ['required', 'optional'] as const;

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);

const off = (message: string): MailOff => ({ enabled: false, message });

export function mailConfig(env: MailEnv): MailConfig {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return off(`Email is off: SMTP_URL is not set. ${HOW}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return off(`Email is off: SMTP_URL is not a URL. ${HOW}`);
  }
  const protocol = PROTOCOLS[url.protocol];
  if (!protocol || !url.hostname) {
    return off(`Email is off: SMTP_URL must start with smtp:// or smtps:// and name a host. ${HOW}`);
  }
  const tls = url.searchParams.get('tls') ?? 'required';
  if (!(TLS_CHOICES as readonly string[]).includes(tls)) {
    return off(`Email is off: SMTP_URL's tls= must be "required" or "optional", not "${tls}".`);
  }
  const from = parseFrom(env.MAIL_FROM);
  if (!from) {
    return off(
      `Email is off: MAIL_FROM is ${env.MAIL_FROM?.trim() ? 'not an email address' : 'not set'}. ${HOW}`,
    );
  }
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const port = url.port ? Number(url.port) : protocol.port;
  const requireTLS = !protocol.secure && tls === 'required' && !isLoopback(url.hostname);
  const transport: SMTPTransportOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    secure: protocol.secure,
    requireTLS,
    ...TIMEOUTS,
    ...(user ? { auth: { user, pass } } : {}),
  };
  const security = protocol.secure ? 'TLS' : requireTLS ? 'STARTTLS required' : 'STARTTLS if offered';
  return {
    enabled: true,
    transport,
    from,
    domain: from.address.slice(from.address.lastIndexOf('@') + 1),
    summary: `${url.protocol}//${user ? '***@' : ''}${url.host} (${security}), from ${from.address}`,
    secrets: [user, pass, url.username, url.password].filter((s) => s.length > 0),
  };
}

function parseFrom(value: string | undefined): { name: string; address: string } | null {
  if (!value?.trim()) return null;
  const [first, ...rest] = addressparser(value.trim(), { flatten: true });
  if (!first || rest.length > 0 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(first.address)) return null;
  return { name: first.name, address: first.address };
}

/** The line the server logs once at start, and the `email` entry of /readyz's details. */
export function mailStatus(config: MailConfig): { enabled: boolean; message: string } {
  return config.enabled
    ? { enabled: true, message: `Email is on: ${config.summary}.` }
    : { enabled: false, message: config.message };
}

/** Any text that might echo the SMTP user or password (a server's error reply) with both blacked out. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}
