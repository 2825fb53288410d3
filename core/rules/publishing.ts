// Everything that starts a publish: a person's publish (R3, S3), a scheduled post coming due, and S1's
// auto-publishing (a blog post queued, then one social post per linked account 15 minutes later). The
// post building and the publish lease live here once; what the network answered is in observed.ts.
import { level } from '../access.ts';
import type { Effect } from '../events.ts';
import { MSG } from '../messages.ts';
import { AUTOPUBLISH_DELAY, MINUTE } from '../policy.ts';
import type { Account, Post, State } from '../schemas.ts';
import { type ApplyResult, type Family, log, ok, postsOf, reject, withAccount } from './kit.ts';

/** How long a publish attempt holds the post before it is tried again (crash safety). */
export const PUBLISH_LEASE = 10 * MINUTE;

/**
 * Hold `post` (one of `account`'s) while the shell publishes it, and ask the shell to: if the shell dies
 * mid-publish, the lease runs out and the post is retried instead of lost (core/README.md).
 */
function startPublish(state: State, account: Account, post: Post, now: number): ApplyResult {
  const posts = postsOf(state, account.id).map((p) =>
    p === post ? { ...p, retryAt: now + PUBLISH_LEASE } : p,
  );
  return ok(withAccount(state, account, posts), [{ type: 'publish', account: account.id, post: post.id }]);
}

/** Whether any post of the state already has this id (scenario files and the demo name posts freely). */
function taken(state: State, id: string): boolean {
  for (const posts of state.posts.values()) if (posts.some((p) => p.id === id)) return true;
  return false;
}

/**
 * A new post of `account` at `now`, numbered by the state's counter, skipping numbers whose id a post already
 * has (the demo team names its posts `facebook-1-post-1`...): two posts with one id would leave one due for
 * ever, since every rule finds a post by its id. A disconnected account cannot take it: it is cancelled like
 * any scheduled post of that account (R3) and comes back on a reconnect (R4).
 */
function addPost(
  state: State,
  account: Account,
  kind: 'post' | 'blog',
  content: Pick<Post, 'author' | 'title' | 'url'>,
  now: number,
): { state: State; post: Post } {
  let seq = state.seq + 1;
  while (taken(state, `${account.id}-${kind}-${seq}`)) seq++;
  const post: Post = {
    id: `${account.id}-${kind}-${seq}`,
    account: account.id,
    state: account.status === 'connected' ? 'scheduled' : 'cancelled',
    at: now,
    ...content,
    retryAt: null,
    attempts: 0,
  };
  return { state: { ...withAccount(state, account, [...postsOf(state, account.id), post]), seq }, post };
}

export const PUBLISHING: Family<'publish' | 'blog-post' | 'post-due' | 'autopublish'> = {
  publish(state, e, now) {
    const account = state.accounts.get(e.account);
    if (!account) return reject(state, 'R3', MSG.unknownAccount(e.account));
    if (e.by !== undefined) {
      const user = state.users[e.by];
      if (!user) return reject(state, 'S3', MSG.unknownUser(e.by));
      if (level(user, account) !== 'full') return reject(state, 'S3', MSG.noFullAccess(account));
    }
    if (account.status !== 'connected') return reject(state, 'R3', MSG.publishDisconnected(account));
    if (e.post !== undefined) {
      const post = postsOf(state, account.id).find((p) => p.id === e.post);
      if (post?.state !== 'scheduled') return reject(state, 'R3', MSG.publishNotDue(e.post));
      return startPublish(state, account, post, now);
    }
    const added = addPost(state, account, 'post', { author: e.by ?? account.connectedBy }, now);
    return startPublish(added.state, account, added.post, now);
  },

  'blog-post'(state, e, now) {
    if (!state.settings.blogs.includes(e.blog)) return reject(state, 'S1', MSG.unknownBlog(e.blog));
    const blogPost = { blog: e.blog, title: e.title, url: e.url, publishedAt: now, done: false };
    return ok({ ...state, blogPosts: [...state.blogPosts, blogPost] }, [
      log('S1', null, 'blogPostQueued', { title: e.title, at: now + AUTOPUBLISH_DELAY }),
    ]);
  },

  'post-due'(state, e, now) {
    const account = state.accounts.get(e.account);
    const post = postsOf(state, e.account).find((p) => p.id === e.post);
    if (account?.status !== 'connected' || !post || post.state !== 'scheduled') return ok(state);
    return startPublish(state, account, post, now);
  },

  autopublish(state, e, now) {
    const index = state.blogPosts.findIndex((b) => b.url === e.url && b.blog === e.blog && !b.done);
    const blogPost = state.blogPosts[index];
    if (!blogPost) return ok(state);
    let next: State = {
      ...state,
      blogPosts: state.blogPosts.map((b, i) => (i === index ? { ...b, done: true } : b)),
    };
    const effects: Effect[] = [];
    // S1: one social post per linked account, with the blog post's title and link.
    for (const account of state.accounts.list()) {
      if (account.autopublishBlog !== e.blog) continue;
      const content = { author: account.connectedBy, title: blogPost.title, url: blogPost.url };
      const added = addPost(next, account, 'blog', content, now);
      const r =
        added.post.state === 'scheduled'
          ? startPublish(added.state, account, added.post, now)
          : ok(added.state, [log('S1', account.id, 'blogPostNotShared', { title: blogPost.title })]);
      next = r.state;
      effects.push(...r.effects);
    }
    return ok(next, effects);
  },
};
