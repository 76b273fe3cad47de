import type { PostEvent, ReportReason } from '@social-posts/post-events';
import type { PostState } from '../domain/post';
import { OwnPostReported } from '../domain/post.errors';
import { requireActivePost, requireUsername } from '../domain/post.rules';

export interface ReportPost {
  readonly postId: string;
  readonly username: string;
  readonly reason: ReportReason;
  readonly at: string;
}

/** A second report by the same user is refused by the event store: see exclusiveClaimOf. */
export function decideReportPost(command: ReportPost, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  const username = requireUsername('username', command.username);
  if (post.author === username) throw new OwnPostReported(post.postId);
  const { postId, reason, at } = command;
  return { type: 'PostReported', data: { postId, username, reason, reportedAt: at } };
}
