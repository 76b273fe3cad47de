import { Query } from '@nestjs/cqrs';
import type { PostDetailsResponse } from './post-details.response';

export class FindPostByIdQuery extends Query<PostDetailsResponse> {
  constructor(
    readonly postId: string,
    /** Read your writes: wait until the read model has at least this version of the post. */
    readonly minVersion?: number,
  ) {
    super();
  }
}
