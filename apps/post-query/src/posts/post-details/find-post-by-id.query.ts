import { Query } from '@nestjs/cqrs';
import type { PostDetailsResponse } from './post-details.response';

export class FindPostByIdQuery extends Query<PostDetailsResponse> {
  constructor(readonly postId: string) {
    super();
  }
}
