import type { DomainErrorMapper } from '@social-posts/service-runtime';
import { PostNotFound } from './post-details/post-not-found.error';

/** post-query's own errors as problem+json. */
export const mapQueryError: DomainErrorMapper = (error) =>
  error instanceof PostNotFound
    ? { type: 'urn:social-posts:problem:post-not-found', status: 404, detail: error.message }
    : undefined;
