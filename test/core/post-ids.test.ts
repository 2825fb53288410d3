// A new post's id never equals an existing one (core/rules/publishing.ts addPost). The demo team names its
// posts `facebook-1-post-1`, ...; an ad-hoc publish once named its post `${account}-post-${seq}` from a
// counter at 0, took that same id, and left a post that came due for ever (every rule finds a post by id).
import { describe, expect, it } from 'vitest';
import { apply, DAY, runUntil, type State } from '../../core/index.ts';
import { acct, at, team } from './fixtures.ts';

const ids = (state: State) => [...state.posts.values()].flat().map((p) => p.id);

describe('post ids', () => {
  it('R3: an ad-hoc publish never takes the id of a post that already exists, and every post publishes once', () => {
    const start = team([acct('facebook-1', 'facebook', { connectedBy: 'ada' })], {
      posts: [
        { id: 'facebook-1-post-1', account: 'facebook-1', state: 'scheduled', at: at(2), author: 'ada' },
        { id: 'facebook-1-post-2', account: 'facebook-1', state: 'draft', at: null, author: 'ada' },
      ],
    });
    const published = apply(start, { type: 'publish', account: 'facebook-1', by: 'ada' }, at(0));
    expect(published.rejected).toBeNull();
    const all = ids(published.state);
    expect(all).toHaveLength(3);
    expect(new Set(all).size).toBe(3);
    const fresh = published.effects.find((e) => e.type === 'publish')!;
    expect(fresh).toMatchObject({ type: 'publish', account: 'facebook-1' });
    expect(['facebook-1-post-1', 'facebook-1-post-2']).not.toContain((fresh as { post: string }).post);
    // The network never answers that publish: its lease runs out and it is retried, and the scheduled post
    // still publishes at its own time. With a shared id the rules looped on a post that never changed.
    const run = runUntil(published.state, at(0), at(3));
    const posts = run.state.posts.get('facebook-1')!;
    expect(posts.filter((p) => p.state === 'published').map((p) => p.id)).toEqual([
      'facebook-1-post-1',
      (fresh as { post: string }).post,
    ]);
  });

  it('S1: a blog post auto-published to an account skips ids its posts already have', () => {
    let s = team([acct('li', 'linkedin', { connectedBy: 'ada' })], {
      blogs: ['news'],
      posts: [{ id: 'li-blog-1', account: 'li', state: 'published', at: at(-1), author: 'ada' }],
    });
    s = apply(s, { type: 'set-autopublish', account: 'li', by: 'ada', blog: 'news' }, at(0)).state;
    s = apply(
      s,
      { type: 'blog-post', blog: 'news', title: 'Hello', url: 'https://b.example/1' },
      at(0),
    ).state;
    const run = runUntil(s, at(0), at(0) + DAY);
    expect(new Set(ids(run.state)).size).toBe(ids(run.state).length);
    expect(ids(run.state)).toHaveLength(2);
  });
});
