import { ConfigService } from '@nestjs/config';
import { isAuthorOrAdmin } from '@social-posts/service-runtime';
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
import { PostVersionNotices } from './post-version-notices';
import { ReadModelBehind } from './read-model-behind.error';

@QueryHandler(FindPostByIdQuery)
export class FindPostByIdHandler implements IQueryHandler<FindPostByIdQuery> {
  private readonly waitMs: number;

  constructor(
    @InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>,
    @InjectRepository(CommentEntity) private readonly comments: Repository<CommentEntity>,
    private readonly notices: PostVersionNotices,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    this.waitMs = config.get('READ_YOUR_WRITES_TIMEOUT_MS', { infer: true });
  }

  async execute({ postId, minVersion, viewer }: FindPostByIdQuery): Promise<PostDetailsResponse> {
    const post = await this.findAtVersion(postId, minVersion);
    if (!post || post.removedAt) throw new PostNotFound(postId);
    if (post.hiddenAt && !isAuthorOrAdmin(viewer, post.author)) throw new PostNotFound(postId);
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
   * Waits a bounded time, reading the row again only when a projector's commit announces the
   * version (PostVersionNotices), then says plainly that the read model is behind.
   */
  private async findAtVersion(postId: string, minVersion = 0): Promise<PostEntity | null> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const wait = minVersion > 0 ? this.notices.waitFor(postId, minVersion) : undefined;
      try {
        const post = await this.posts.findOneBy({ id: postId });
        const version = post?.version ?? 0;
        if (version >= minVersion) return post;
        const remainingMs = deadline - Date.now();
        if (remainingMs <= 0) throw new ReadModelBehind(postId, minVersion, version);
        await untilWokenOr(wait!.woken, remainingMs);
      } finally {
        wait?.cancel();
      }
    }
  }
}

/** Resolves when `woken` does, or after `ms`, whichever comes first. */
async function untilWokenOr(woken: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([woken, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
