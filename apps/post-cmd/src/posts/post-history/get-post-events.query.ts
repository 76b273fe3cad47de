import { Query } from '@nestjs/cqrs';
import type { Actor } from '@social-posts/service-runtime';
import type { HistoryEvent } from './public-history';

export class GetPostEventsQuery extends Query<HistoryEvent[]> {
  constructor(
    readonly postId: string,
    /** Who asks, if they sent a token: a removed post's history is theirs to see or not. */
    readonly viewer?: Actor,
  ) {
    super();
  }
}
