import { Query } from '@nestjs/cqrs';
import type { PostPageResponse } from './post-page.response';

export interface PostFilters {
  readonly author?: string;
  /** true: only posts with at least one comment; false: only posts without any. */
  readonly withComments?: boolean;
  readonly minLikes?: number;
  /** Only posts whose message carries this hashtag, normalised as the contract stores tags. */
  readonly tag?: string;
}

/** A page of the posts that match the filters, newest first. */
export class FindPostsQuery extends Query<PostPageResponse> {
  constructor(
    readonly filters: PostFilters,
    readonly page: number,
    readonly limit: number,
    /** Who asks, if they sent a token: an author's lists hold their own hidden posts. */
    readonly viewer?: string,
  ) {
    super();
  }
}
