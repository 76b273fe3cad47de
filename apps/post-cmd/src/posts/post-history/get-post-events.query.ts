import { Query } from '@nestjs/cqrs';
import type { PostEventEnvelope } from '@social-posts/post-events';

export class GetPostEventsQuery extends Query<PostEventEnvelope[]> {
  constructor(readonly postId: string) {
    super();
  }
}
