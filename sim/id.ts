// An id field of a scenario file (a user, an account, a post, a blog, a brand, a team).
import { z } from 'zod';

export const Id = z
  .string({ error: 'expected an id (a non-empty string)' })
  .min(1, { error: 'expected a non-empty id' });
