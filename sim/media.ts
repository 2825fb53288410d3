// Placeholder media for simulated posts: Instagram publishes only images and YouTube only videos, and the
// scenario format's posts carry none. Used by the simulator and the extension's simulation build.
import type { PublishRequest } from '../adapters/types.ts';
import type { Network, Post } from '../core/index.ts';

const NEEDS: Partial<Record<Network, (post: Post) => Pick<PublishRequest, 'imageUrl' | 'video'>>> = {
  instagram: (post) => ({
    imageUrl: `https://media.social-health.invalid/${encodeURIComponent(post.id)}.jpg`,
  }),
  youtube: () => ({ video: new Blob([new Uint8Array(64)], { type: 'video/mp4' }) }),
};

export function placeholderMedia(post: Post, network: Network): Pick<PublishRequest, 'imageUrl' | 'video'> {
  return NEEDS[network]?.(post) ?? {};
}
