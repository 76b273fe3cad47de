import { setTimeout as delay } from 'node:timers/promises';
import { ConfigService } from '@nestjs/config';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PostQueryEnvironment } from '../../config/post-query.environment';
import { CommentEntity } from './comment.entity';
import { FindPostByIdQuery } from './find-post-by-id.query';
import { PostNotFound } from './post-not-found.error';
import type { PostDetailsResponse } from './post-details.response';
import { toPostSummary } from './post-summary';
import { PostEntity } from './post.entity';
import { ReadModelBehind } from './read-model-behind.error';

/** How often a `minVersion` query looks again while it waits. */
const POLL_MS = 25;

@QueryHandler(FindPostByIdQuery)
export class FindPostByIdHandler implements IQueryHandler<FindPostByIdQuery> {
  private readonly waitMs: number;

  constructor(
    @InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>,
    @InjectRepository(CommentEntity) private readonly comments: Repository<CommentEntity>,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    this.waitMs = config.get('READ_YOUR_WRITES_TIMEOUT_MS', { infer: true });
  }

  async execute({ postId, minVersion }: FindPostByIdQuery): Promise<PostDetailsResponse> {
    const post = await this.findAtVersion(postId, minVersion);
    if (!post || post.removedAt) throw new PostNotFound(postId);
    const comments = await this.comments.find({
      where: { postId },
      order: { commentDate: 'ASC', id: 'ASC' },
    });
    return {
      ...toPostSummary(post),
      comments: comments.map((comment) => ({
        commentId: comment.id,
        username: comment.username,
        comment: comment.comment,
        commentDate: comment.commentDate.toISOString(),
        editedAt: comment.editedAt?.toISOString() ?? null,
      })),
    };
  }

  /**
   * The post's row, once it has reached `minVersion` (a post not yet projected is version 0).
   * Waits a bounded time, then says plainly that the read model is behind.
   */
  private async findAtVersion(postId: string, minVersion = 0): Promise<PostEntity | null> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const post = await this.posts.findOneBy({ id: postId });
      const version = post?.version ?? 0;
      if (version >= minVersion) return post;
      if (Date.now() >= deadline) throw new ReadModelBehind(postId, minVersion, version);
      await delay(POLL_MS);
    }
  }
}
