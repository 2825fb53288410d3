// One email as blocks, written once and printed twice: plain text and HTML, so both parts always say the
// same thing. HTML escapes every piece of text (account and team names are user data) and styles inline
// only: mail clients drop <style> and stylesheets (https://www.caniemail.com/features/html-style/).

/** Text, or text that links somewhere. */
export type Inline = string | { text: string; href: string };

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'button'; text: string; href: string; fallback: string }
  /** `labels`: how many leading columns name the row (plain text prints them as "name (network)"). */
  | { kind: 'table'; head: string[]; rows: string[][]; labels: number }
  | { kind: 'small'; parts: Inline[] };

export interface EmailDocument {
  /** BCP 47 language of the text (the HTML's lang attribute). */
  lang: string;
  subject: string;
  /** What inbox lists show beside the subject; hidden in the body. */
  preheader: string;
  body: Block[];
  /** Why the reader gets this, unsubscribe and settings links: set apart, in smaller type. */
  footer: Block[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Links come from the caller; only web addresses may become an href (never `javascript:`). */
export function safeHref(href: string): string {
  const url = new URL(href);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`An email link must be an http(s) address, not ${url.protocol}`);
  }
  return url.href;
}

/** A subject is one header line: user data must not break it (CR/LF) or stretch it with runs of spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A catalogue template whose placeholders may be links: `Change it in {settings}.` with
 * `{ settings: { text, href } }` gives `['Change it in ', { text, href }, '.']`.
 */
export function rich(template: string, params: Record<string, Inline | number>): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  // One pass over the template: a value that itself contains {braces} is never read as a placeholder.
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const value = params[m[1]!];
    if (value === undefined) continue;
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(typeof value === 'number' ? String(value) : value);
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

// ---------- plain text ----------

const inlineText = (parts: Inline[]) =>
  parts.map((p) => (typeof p === 'string' ? p : `${p.text} <${safeHref(p.href)}>`)).join('');

function blockText(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${b.text}\n${'='.repeat(Math.min(b.text.length, 72))}`;
    case 'paragraph':
    case 'small':
      return inlineText(b.parts);
    case 'button':
      return `${b.text}:\n${safeHref(b.href)}`;
    case 'table':
      return b.rows
        .map((row) => {
          const [name, ...more] = row.slice(0, b.labels);
          const label = more.length > 0 ? `${name} (${more.join(', ')})` : name;
          const cells = row.slice(b.labels).map((cell, i) => `${b.head[i + b.labels]} ${cell}`);
          return `- ${label}: ${cells.join(' · ')}`;
        })
        .join('\n');
  }
}

export function toText(doc: EmailDocument): string {
  const body = doc.body.map(blockText).join('\n\n');
  const footer = doc.footer.map(blockText).join('\n\n');
  return `${body}\n\n-- \n${footer}\n`;
}

// ---------- HTML ----------

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const STYLE = {
  body: `margin:0;padding:0;background:#f3f4f6;${FONT}`,
  card: 'max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px',
  heading: 'margin:0 0 16px;font-size:20px;line-height:1.3;color:#111827',
  paragraph: 'margin:0 0 14px;font-size:15px;line-height:1.5;color:#1f2937',
  link: 'color:#1d4ed8;text-decoration:underline',
  button:
    'display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:12px 20px;border-radius:6px',
  fallback: 'margin:8px 0 16px;font-size:12px;line-height:1.4;color:#4b5563;word-break:break-all',
  table: 'width:100%;border-collapse:collapse;margin:0 0 16px;font-size:14px',
  th: 'text-align:left;padding:6px 8px;border-bottom:2px solid #d1d5db;color:#374151',
  td: 'padding:6px 8px;border-bottom:1px solid #e5e7eb;color:#1f2937',
  small: 'margin:0 0 10px;font-size:12px;line-height:1.5;color:#4b5563',
  preheader: 'display:none;max-height:0;overflow:hidden;mso-hide:all',
} as const;

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) =>
      typeof p === 'string'
        ? escapeHtml(p)
        : `<a href="${escapeHtml(safeHref(p.href))}" style="${STYLE.link}">${escapeHtml(p.text)}</a>`,
    )
    .join('');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h1 style="${STYLE.heading}">${escapeHtml(b.text)}</h1>`;
    case 'paragraph':
      return `<p style="${STYLE.paragraph}">${inlineHtml(b.parts)}</p>`;
    case 'small':
      return `<p style="${STYLE.small}">${inlineHtml(b.parts)}</p>`;
    case 'button': {
      const href = escapeHtml(safeHref(b.href));
      return (
        `<p style="margin:20px 0 0"><a href="${href}" style="${STYLE.button}">${escapeHtml(b.text)}</a></p>` +
        `<p style="${STYLE.fallback}">${escapeHtml(b.fallback)}</p>`
      );
    }
    case 'table': {
      const head = b.head.map((h) => `<th scope="col" style="${STYLE.th}">${escapeHtml(h)}</th>`).join('');
      const rows = b.rows
        .map((r) => `<tr>${r.map((c) => `<td style="${STYLE.td}">${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('');
      return `<table role="table" style="${STYLE.table}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}

export function toHtml(doc: EmailDocument): string {
  const lang = escapeHtml(doc.lang);
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(doc.subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.preheader}">${escapeHtml(doc.preheader)}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="padding:24px 12px"><tr><td>',
    `<div style="${STYLE.card}">`,
    doc.body.map(blockHtml).join('\n'),
    '<hr style="border:0;border-top:1px solid #e5e7eb;margin:24px 0 16px">',
    doc.footer.map(blockHtml).join('\n'),
    '</div></td></tr></table></body></html>',
  ].join('\n');
}

export function renderDocument(doc: EmailDocument): RenderedEmail {
  return { subject: oneLine(doc.subject), text: toText(doc), html: toHtml(doc) };
}
