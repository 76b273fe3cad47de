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
});
