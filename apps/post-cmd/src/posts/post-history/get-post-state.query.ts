import { Query } from '@nestjs/cqrs';
import type { Actor } from '@social-posts/service-runtime';
import type { PostStateResponse } from './post-state.response';

export class GetPostStateQuery extends Query<PostStateResponse> {
  constructor(
    readonly postId: string,
    readonly asOfVersion?: number,
    /** Who asks, if they sent a token: a removed post's history is theirs to see or not. */
    readonly viewer?: Actor,
  ) {
    super();
  }
}
