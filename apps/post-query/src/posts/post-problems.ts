import { problemType, type DomainErrorMapper } from '@social-posts/service-runtime';
import { LiveFeedFull } from '../live/live-feed-full.error';
import { PostNotFound } from './post-details/post-not-found.error';
import { ReadModelBehind } from './post-details/read-model-behind.error';

/** post-query's own errors as problem+json (their `Retry-After`, if any, is the filter's). */
export const mapQueryError: DomainErrorMapper = (error) => {
  if (error instanceof PostNotFound) {
    return { type: problemType('post-not-found'), status: 404, detail: error.message };
  }
  if (error instanceof ReadModelBehind) {
    return {
      type: problemType('read-model-behind'),
      status: 503,
      detail: error.message,
      requiredVersion: error.requiredVersion,
      currentVersion: error.currentVersion,
    };
  }
  if (error instanceof LiveFeedFull) {
    return { type: problemType('live-feed-full'), status: 503, detail: error.message };
  }
  return undefined;
};
