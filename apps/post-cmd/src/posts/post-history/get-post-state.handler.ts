import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PostNotFound, VersionNotFound } from '../domain/post.errors';
import { PostRepository } from '../application/post.repository';
import { GetPostStateQuery } from './get-post-state.query';
import type { PostStateResponse } from './post-state.response';
import { assertMayReadHistory } from './removed-post-access';

/** Replays the post's events up to a version: what the post was at any point in its history. */
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
    return {
      postId,
      version,
      status,
      author,
      message,
      datePosted,
      likes,
    };
  }
}
