// S7: the settings page shows the digest as the email will read, drawn from the same document the email
// renderer builds (runtime/email/digest.ts): same inclusion rules, same words in the same language.
// Only the body: the subject and footer carry the team's name and the server's links, which a
// standalone extension does not have.

import { digestDocument } from '../../runtime/email/digest.ts';
import type { Block, EmailDocument, Inline } from '../../runtime/email/document.ts';
import { periodBefore } from '../../runtime/email/schedule.ts';
import type { SettingsView } from './types.ts';

const NONE = { interactions: 0, conversations: 0, newFollowers: 0 };
/** Never shown (the footer is left out) but the renderer only accepts web addresses. */
const NO_LINKS = { settings: 'https://preview.invalid/', unsubscribe: 'https://preview.invalid/' };

/** The digest the current user would get for the period before now, or null when none would be sent. */
export function digestPreview(view: SettingsView, locale: string, timeZone: string): EmailDocument | null {
  const { frequency } = view.me.digest;
  if (frequency === 'off') return null;
  const byId = new Map([...view.accounts, ...view.hidden].map((a) => [a.id, a]));
  const accounts = view.digest.accounts.flatMap((d) => {
    const a = byId.get(d.account);
    return a
      ? [{ id: a.id, network: a.network, name: a.name, access: a.access, counts: d.counts ?? NONE }]
      : [];
  });
  const period = periodBefore(frequency, timeZone, view.at);
  const facts = { kind: 'digest' as const, team: { id: '', name: '' }, frequency, ...period, accounts };
  return digestDocument(facts, { name: view.me.name, locale, timeZone }, NO_LINKS);
}

/** Set apart from the settings around it, like a letter on the desk; currentColor keeps dark mode right. */
const FRAME = {
  border: '1px solid color-mix(in srgb, currentColor 25%, transparent)',
  borderRadius: '8px',
  padding: '4px 16px',
  marginTop: '12px',
};

const inline = (parts: Inline[]) => parts.map((p) => (typeof p === 'string' ? p : p.text));

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return <h3>{block.text}</h3>;
    case 'paragraph':
      return <p>{inline(block.parts)}</p>;
    case 'small':
      return (
        <p>
          <small>{inline(block.parts)}</small>
        </p>
      );
    case 'button':
      return <p>{block.text}</p>;
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {block.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row) => (
              <tr key={row.join('\u0000')}>
                {row.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** The email's body as page content (the page's own styles, its reading order, no links out). */
export function EmailPreview({ doc }: { doc: EmailDocument }) {
  const heading = doc.body.find((b) => b.kind === 'heading');
  return (
    <article
      class="email-preview"
      aria-label={heading?.kind === 'heading' ? heading.text : ''}
      lang={doc.lang}
      style={FRAME}
    >
      {doc.body.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </article>
  );
}
