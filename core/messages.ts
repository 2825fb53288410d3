// Words shown to people when a rule says no or something happens. Each says what to do instead.
import { POLICY } from './policy.ts';
import type { Account, DisconnectReason } from './schemas.ts';

const name = (a: Account) => a.profile?.name ?? a.id;
const net = (a: Account) => POLICY[a.network].label;

/** R2 reasons in plain words, used by logs, the popup and notifications. */
export const REASON_TEXT: Record<DisconnectReason, (a: Account) => string> = {
  'reauth-required': (a) => `${net(a)} requires re-authorization (${reauthText(a)})`,
  revoked: (a) => `Access was revoked on ${net(a)}`,
  'token-expired': (a) => `The ${net(a)} token expired and could not be refreshed`,
  security: (a) => `${net(a)} locked the connection for security reasons (password change or checkpoint)`,
  inactive: (a) => `${net(a)} deactivated the connection after a long time without use`,
  deleted: (a) => `The account no longer exists on ${net(a)}`,
  manual: () => 'Disconnected here by a user',
};

function reauthText(a: Account): string {
  const rule = POLICY[a.network].reauth;
  if (!rule) return 'no fixed interval';
  const days = Math.round(rule.after / 86_400_000);
  return rule.from === 'activity' ? `after ${days} days without activity` : `every ${days} days`;
}

export const MSG = {
  unknownAccount: (id: string) => `There is no account "${id}". Check the account id.`,
  unknownUser: (id: string) => `There is no user "${id}". Check the user id.`,
  unknownBlog: (id: string) => `There is no blog "${id}". Add the blog feed first.`,
  unknownBrand: (id: string) => `There is no brand "${id}". Create the brand first.`,
  reconnectConnected: (a: Account) =>
    `${name(a)} is connected, so there is nothing to reconnect. Use "Refresh connection" to re-authorize it before its due date.`,
  refreshNotConnected: (a: Account) => `${name(a)} is not connected. Use "Reconnect" to connect it again.`,
  reconnectForbidden: (a: Account, recommended: string) =>
    `Only users with the "All accounts" permission and access to ${name(a)}, or the user who connected it, can reconnect it. Ask ${recommended}.`,
  differentAccount: (a: Account, got: string) =>
    `A different ${net(a)} account (${got}) gave consent. Sign in to ${net(a)} as ${a.profile?.handle ?? a.profile?.name ?? a.id} and reconnect again; nothing was changed.`,
  disconnectForbidden: (a: Account) =>
    `Only a super admin or the user who last connected ${name(a)} (${a.connectedBy}) can disconnect it.`,
  alreadyDisconnected: (a: Account) => `${name(a)} is already disconnected.`,
  connectExists: (a: Account) => `${name(a)} is already added. Use "Reconnect" if it is disconnected.`,
  draftOnlyConnect: () => 'Users with the "Draft only" permission cannot connect or disconnect accounts.',
  visibilityFixed: (a: Account) =>
    `${net(a)} always reports posts from all sources; only X lets you choose (S6).`,
  accessSuperAdmin: () => 'Only super admins can change who has access to an account.',
  accessListEnterprise: () =>
    'Giving access to selected users and teams needs the Enterprise plan. Choose "Everyone" or "Only me".',
  accessBreaksAutopublish: (a: Account) =>
    `${name(a)} auto-publishes blog posts, which is only allowed when everyone has access. Turn off auto-publishing first.`,
  autopublishInstagram: () =>
    'Blog posts cannot be auto-published to Instagram, because links are not allowed in Instagram posts.',
  autopublishAccess: (a: Account) =>
    `Auto-publishing needs ${name(a)} to be shared with everyone. Change its access to "Everyone" first.`,
  noFullAccess: (a: Account) =>
    `Your permission does not let you change ${name(a)}. Ask someone with full access to it.`,
  hidden: (id: string) => `You do not have access to account "${id}".`,
  defaultLimit: (limit: number, plan: string) =>
    `You already have ${limit} default accounts, the most the ${plan} plan allows. Remove one first.`,
  defaultX: (other: string) =>
    `Only one X account can be a default, and ${other} already is. Remove it as default first.`,
  brandsNeedAddon: () => 'Brands need the Enterprise plan with the brands add-on.',
  publishDisconnected: (a: Account) =>
    `${name(a)} is disconnected, so nothing can be published to it. Reconnect it first.`,
  publishNotDue: (postId: string) => `Post "${postId}" is not scheduled, so there is nothing to publish.`,
};
