import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VersionNotFound } from '../domain/post.errors';
import { PostRepository } from '../application/post.repository';
import { GetPostStateQuery } from './get-post-state.query';
import type { PostStateResponse } from './post-state.response';
import { assertMayReadHistory, readsWholeHistory, requireReadablePost } from './history-access';
import { publicMessage } from './public-history';

/**
 * Replays the post's events up to a version: what the post was at any point in its history.
 * A message an edit replaced is its author's and admins' to read, withheld from others.
 */
@QueryHandler(GetPostStateQuery)
export class GetPostStateHandler implements IQueryHandler<GetPostStateQuery> {
  constructor(private readonly posts: PostRepository) {}

  async execute({ postId, asOfVersion, viewer }: GetPostStateQuery): Promise<PostStateResponse> {
    const latest = await this.posts.load(postId);
    const current = requireReadablePost(latest.state, postId);
    assertMayReadHistory(current, viewer);
    const asOf = asOfVersion === undefined ? latest : await this.posts.load(postId, asOfVersion);
    const state = requireReadablePost(asOf.state, postId);
    const { version } = asOf;
    if (asOfVersion !== undefined && version < asOfVersion) {
      throw new VersionNotFound(postId, asOfVersion, version);
    }
    const { status, author, message, datePosted, likes } = state;
    const shown = readsWholeHistory(current, viewer)
      ? message
      : publicMessage(message, current.message);
    return {
      postId,
      version,
      status,
      author,
      message: shown,
      ...(shown === null && { withheld: ['message'] as const }),
      datePosted,
      likes,
    };
  }
}
