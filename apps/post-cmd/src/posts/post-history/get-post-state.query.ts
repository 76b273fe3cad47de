import { Query } from '@nestjs/cqrs';
import type { PostStateResponse } from './post-state.response';

export class GetPostStateQuery extends Query<PostStateResponse> {
  constructor(
    readonly postId: string,
    readonly asOfVersion?: number,
  ) {
    super();
  }
}
