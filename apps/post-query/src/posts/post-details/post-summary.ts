import type { ReportReason } from '@social-posts/post-events';
import type { PostSummaryResponse } from './post-details.response';
import type { PostEntity } from './post.entity';

export const toPostSummary = (post: PostEntity): PostSummaryResponse => ({
  postId: post.id,
  author: post.author,
  message: post.message,
  datePosted: post.datePosted.toISOString(),
  editedAt: post.editedAt?.toISOString() ?? null,
  likes: post.likes,
  commentCount: post.comments,
  version: post.version,
  ...(post.hiddenAt === null
    ? {}
    : {
        hidden: {
          hiddenAt: post.hiddenAt.toISOString(),
          reasons: (post.hiddenReasons ?? []) as ReportReason[],
          reviewBy: post.reviewBy!.toISOString(),
        },
      }),
});
