import { Query } from '@nestjs/cqrs';
import type { Actor } from '@social-posts/service-runtime';
import type { PostDetailsResponse } from './post-details.response';

export class FindPostByIdQuery extends Query<PostDetailsResponse> {
  constructor(
    readonly postId: string,
    /** Read your writes: wait until the read model has at least this version of the post. */
    readonly minVersion?: number,
    /** Who asks, if they sent a token: a hidden post is its author's and admins' to read. */
    readonly viewer?: Actor,
  ) {
    super();
  }
}
