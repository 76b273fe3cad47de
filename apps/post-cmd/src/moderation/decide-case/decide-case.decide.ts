import type { ModerationDecider, ModerationDecision, PostEvent } from '@social-posts/post-events';
import type { PostState } from '../../posts/domain/post';
import { CaseNotOpen } from '../../posts/domain/post.errors';
import { requireActivePost } from '../../posts/domain/post.rules';

export interface DecideCase {
  readonly postId: string;
  readonly caseId: string;
  readonly decision: ModerationDecision;
  readonly decidedBy: ModerationDecider;
  readonly at: string;
}

/**
 * A case ends once: the post is hidden for it until its first decision, so a moderator and the
 * deadline racing each other are settled by the post's version, and the later one is refused.
 */
export function decideCase(command: DecideCase, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  const { postId, caseId, decidedBy, at } = command;
  if (post.hiddenFor !== caseId) throw new CaseNotOpen(postId, caseId);
  return command.decision === 'keep'
    ? { type: 'PostShown', data: { postId, caseId, decidedBy, shownAt: at } }
    : { type: 'PostTakenDown', data: { postId, caseId, decidedBy, takenDownAt: at } };
}
