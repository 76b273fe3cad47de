import { PostDetailsProjection } from '../posts/post-details/post-details.projection';
import { PostTagsProjection } from '../posts/post-tags/post-tags.projection';

/**
 * Every projection the consumer runs, by name. A name is stable: it keys the projection's
 * positions and names it in a rebuild. Adding a projection is adding its folder and a line here.
 */
export const PROJECTIONS = {
  'post-details': PostDetailsProjection,
  'post-tags': PostTagsProjection,
};

export type ProjectionName = keyof typeof PROJECTIONS;

export const PROJECTION_NAMES = Object.keys(PROJECTIONS) as ProjectionName[];
