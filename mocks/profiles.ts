// Network-side identities: who the account is at the network. Names come from faker, ids and URLs from the
// seeded generators, all keyed by (seed, account id) so an account looks the same in every run and does not
// depend on which other accounts exist. Id and URL shapes imitate each network's real ones (cited per row).
// The English locale's own entry: the package's main entry loads every locale (about 35 MB more memory in
// each simulation, measured). Its `faker` is `new Faker({ locale: [en, base] })`, reseeded per identity.
import type { Faker } from '@faker-js/faker';
import { faker } from '@faker-js/faker/locale/en';
import type { Network } from '../core/schemas.ts';
import { ALNUM, B64URL, DIGITS, hash32, numericId, randomString } from './random.ts';

/** The Facebook user who consented; the connected account itself is the Page they manage. */
export interface MockFacebookUser {
  id: string;
  name: string;
}

export interface MockIdentity {
  id: string;
  network: Network;
  /**
   * The network's id for the connected account: facebook Page id, instagram IG user id (`user_id`), x user id,
   * linkedin OIDC `sub`, youtube channel id.
   */
  networkUserId: string;
  name: string;
  handle: string | null;
  avatarUrl: string | null;
  email: string;
  /** facebook only: the person behind the Page (what `/me` with a user token returns). */
  fbUser: MockFacebookUser | null;
  /** youtube only: the Google account's `sub` (tokeninfo), distinct from the channel id. */
  googleSub: string | null;
  /** Set by world.deleteAccount: the account no longer exists at the network. */
  deleted: boolean;
}

type Person = { first: string; last: string; full: string; username: string; email: string };
type Shape = Omit<MockIdentity, 'id' | 'network' | 'deleted'>;

function person(f: Faker): Person {
  const first = f.person.firstName();
  const last = f.person.lastName();
  const username = f.internet
    .username({ firstName: first, lastName: last })
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  return {
    first,
    last,
    full: `${first} ${last}`,
    username,
    email: f.internet.email({ firstName: first, lastName: last }),
  };
}

/** One builder per network; `k` prefixes every key so ids differ per account and per purpose. */
const BUILDERS: Record<Network, (f: Faker, k: string) => Shape> = {
  facebook: (f, k) => {
    const p = person(f);
    const page = f.company.name();
    const pageId = numericId(`${k}page`, 15, '1'); // Page ids: 15 digits [BK-FBAPI page_access_token profile_id]
    return {
      networkUserId: pageId,
      name: page,
      handle: f.helpers.slugify(page).replace(/-+/g, '').slice(0, 30) || null,
      avatarUrl: `https://scontent.xx.fbcdn.net/v/t39.30808-1/${numericId(`${k}pic`, 9)}_${pageId}_n.jpg`,
      email: p.email,
      fbUser: { id: numericId(`${k}user`, 17, '10'), name: p.full }, // app-scoped user ids [FB-DBG]
      googleSub: null,
    };
  },
  instagram: (f, k) => {
    const p = person(f);
    return {
      networkUserId: numericId(`${k}ig`, 17, '1784'), // IG professional ids: 1784… [IG-OAT]
      name: p.full,
      handle: p.username.slice(0, 30),
      avatarUrl: `https://scontent.cdninstagram.com/v/t51.2885-19/${numericId(`${k}pic`, 9)}_${randomString(`${k}pich`, 16, DIGITS)}_n.jpg`,
      email: p.email,
      fbUser: null,
      googleSub: null,
    };
  },
  x: (f, k) => {
    const p = person(f);
    return {
      networkUserId: numericId(`${k}x`, 19), // snowflake-era user ids
      name: p.full,
      handle: p.username.slice(0, 15), // X usernames are at most 15 chars
      avatarUrl: `https://pbs.twimg.com/profile_images/${numericId(`${k}pic`, 19)}/${randomString(`${k}pich`, 8)}_normal.jpg`,
      email: p.email,
      fbUser: null,
      googleSub: null,
    };
  },
  linkedin: (f, k) => {
    const p = person(f);
    return {
      networkUserId: randomString(`${k}sub`, 10, `${ALNUM}-_`), // OIDC `sub` [LI-OIDC]
      name: p.full,
      handle: null, // /v2/userinfo carries no vanity name [AUTHJS-LI]
      avatarUrl: `https://media.licdn.com/dms/image/v2/${randomString(`${k}pic`, 22, B64URL)}/profile-displayphoto-shrink_100_100/0/${numericId(`${k}ts`, 13, '17')}?e=2147483647&v=beta&t=${randomString(`${k}t`, 43, B64URL)}`,
      email: p.email,
      fbUser: null,
      googleSub: null,
    };
  },
  youtube: (f, k) => {
    const p = person(f);
    const title = f.datatype.boolean() ? p.full : `${p.first} ${f.word.noun()}`;
    return {
      networkUserId: `UC${randomString(`${k}ch`, 22, B64URL)}`, // channel ids: "UC" + 22 [YT-CH]
      name: title,
      handle: `@${p.username.replace(/_/g, '').slice(0, 30)}`, // snippet.customUrl
      avatarUrl: `https://yt3.ggpht.com/${randomString(`${k}pic`, 40, B64URL)}=s88-c-k-c0x00ffffff-no-rj`,
      email: p.email,
      fbUser: null,
      googleSub: numericId(`${k}sub`, 21, '1'),
    };
  },
};

export function createProfiles(seed: number): (id: string, network: Network) => MockIdentity {
  return (id, network) => {
    const k = `${seed}|${id}|`;
    // Seeded before every identity, so the shared instance carries nothing from one identity to the next.
    faker.seed(hash32(k));
    return { id, network, ...BUILDERS[network](faker, k), deleted: false };
  };
}
