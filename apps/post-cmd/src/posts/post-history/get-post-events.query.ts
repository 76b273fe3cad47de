import { Query } from '@nestjs/cqrs';
import type { PostEventEnvelope } from '@social-posts/post-events';
import type { Actor } from '@social-posts/service-runtime';

export class GetPostEventsQuery extends Query<PostEventEnvelope[]> {
  constructor(
    readonly postId: string,
    /** Who asks, if they sent a token: a removed post's history is theirs to see or not. */
    readonly viewer?: Actor,
  ) {
    super();
  }
}
