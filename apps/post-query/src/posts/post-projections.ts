import { PostDetailsProjection } from './post-details/post-details.projection';
import { PostFeedProjection } from './post-feed/post-feed.projection';
import { PostTagsProjection } from './post-tags/post-tags.projection';

/**
 * Every read model of the posts, by name, as the engine (projections/) runs them: app.module
 * hands this list to ProjectionsModule.forRoot, so the engine never imports a read model. A name
 * is stable: it keys the projection's positions and names it in a rebuild. Adding a projection
 * is adding its folder and a line here.
 */
export const POST_PROJECTIONS = {
  'post-details': PostDetailsProjection,
  'post-tags': PostTagsProjection,
  // Last: it reads what the others wrote in the same batch.
  'post-feed': PostFeedProjection,
};

export type ProjectionName = keyof typeof POST_PROJECTIONS;

export const PROJECTION_NAMES = Object.keys(POST_PROJECTIONS) as ProjectionName[];
