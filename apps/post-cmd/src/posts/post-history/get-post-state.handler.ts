import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PostNotFound, VersionNotFound } from '../domain/post.errors';
import { PostRepository } from '../application/post.repository';
import { GetPostStateQuery } from './get-post-state.query';
import type { PostStateResponse } from './post-state.response';
import { assertMayReadHistory, readsWholeHistory } from './history-access';
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
    if (latest.state.status === 'Unknown') throw new PostNotFound(postId);
    assertMayReadHistory(latest.state, viewer);
    const { state, version } =
      asOfVersion === undefined ? latest : await this.posts.load(postId, asOfVersion);
    if (state.status === 'Unknown') throw new PostNotFound(postId);
    if (asOfVersion !== undefined && version < asOfVersion) {
      throw new VersionNotFound(postId, asOfVersion, version);
    }
    const { status, author, message, datePosted, likes } = state;
    const shown = readsWholeHistory(latest.state, viewer)
      ? message
      : publicMessage(message, latest.state.message);
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
