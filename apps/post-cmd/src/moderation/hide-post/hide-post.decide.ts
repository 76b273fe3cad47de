import type { PostEvent, ReportReason } from '@social-posts/post-events';
import type { PostState } from '../../posts/domain/post';
import { PostAlreadyHidden } from '../../posts/domain/post.errors';
import { requireActivePost } from '../../posts/domain/post.rules';

export interface HidePost {
  readonly postId: string;
  readonly caseId: string;
  readonly reports: number;
  readonly reasons: readonly ReportReason[];
  readonly reviewBy: string;
  readonly at: string;
}

/** Moderation hides a post for one case at a time; the case's decision shows or removes it. */
export function decideHidePost(command: HidePost, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  if (post.hiddenFor !== null) throw new PostAlreadyHidden(post.postId, post.hiddenFor);
  const { postId, caseId, reports, reasons, reviewBy, at } = command;
  return {
    type: 'PostHidden',
    data: { postId, caseId, reports, reasons, hiddenAt: at, reviewBy },
  };
}
