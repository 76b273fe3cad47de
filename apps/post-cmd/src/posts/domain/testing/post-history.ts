import { hashtagsIn, type PostEvent, type ReadablePostEvent } from '@social-posts/post-events';
import {
  commentEntity,
  commentEntityOf,
  evolveComment,
  initialCommentState,
  type CommentState,
} from '../comment';
import { evolve, initialPostState, type PostState } from '../post';

/** Builders for a post's past events, so specs read as the history they give. */
export const POST_ID = '5f0c2f5e-8a43-4a8e-9d0e-7c1b8f1f3a01';
export const COMMENT_ID = '9a6e1c2b-3d4f-4a5b-8c7d-0e1f2a3b4c5d';
export const AT = '2026-11-25T10:00:00.000Z';
export const LATER = '2026-11-25T11:00:00.000Z';

export const postCreated = (author = 'ada', message = 'Hello, world'): PostEvent => ({
  type: 'PostCreated',
  data: { postId: POST_ID, author, message, tags: hashtagsIn(message), datePosted: AT },
});

/**
 * Events as read back after their person was erased: the fields that held their data are null
 * (their key is deleted, nothing can open them).
 */
export const erased = {
  postCreated: (): ReadablePostEvent => ({
    type: 'PostCreated',
    data: { postId: POST_ID, author: null, message: null, tags: null, datePosted: AT },
  }),
  postLiked: (): ReadablePostEvent => ({
    type: 'PostLiked',
    data: { postId: POST_ID, username: null, likedAt: AT },
  }),
  commentAdded: (): ReadablePostEvent => ({
    type: 'CommentAdded',
    data: {
      postId: POST_ID,
      commentId: COMMENT_ID,
      username: null,
      comment: null,
      commentDate: AT,
    },
  }),
  commentEdited: (): ReadablePostEvent => ({
    type: 'CommentEdited',
    data: { postId: POST_ID, commentId: COMMENT_ID, comment: null, editedAt: AT },
  }),
};

export const postLiked = (username: string): PostEvent => ({
  type: 'PostLiked',
  data: { postId: POST_ID, username, likedAt: AT },
});

export const commentAdded = (username: string, commentId = COMMENT_ID): PostEvent => ({
  type: 'CommentAdded',
  data: { postId: POST_ID, commentId, username, comment: 'Nice post', commentDate: AT },
});

export const commentRemoved = (commentId = COMMENT_ID): PostEvent => ({
  type: 'CommentRemoved',
  data: { postId: POST_ID, commentId },
});

export const postRemoved = (username = 'ada'): PostEvent => ({
  type: 'PostRemoved',
  data: { postId: POST_ID, username, removedAt: AT },
});

export const postReported = (username: string): PostEvent => ({
  type: 'PostReported',
  data: { postId: POST_ID, username, reason: 'spam', reportedAt: AT },
});

export const CASE_ID = '0b1c2d3e-4f50-8a1b-9c2d-3e4f5a6b7c8d';

export const postHidden = (caseId = CASE_ID): PostEvent => ({
  type: 'PostHidden',
  data: {
    postId: POST_ID,
    caseId,
    reports: 3,
    reasons: ['spam'],
    hiddenAt: AT,
    reviewBy: '2026-11-26T10:00:00.000Z',
  },
});

export const postShown = (caseId = CASE_ID): PostEvent => ({
  type: 'PostShown',
  data: { postId: POST_ID, caseId, decidedBy: 'moderator', shownAt: AT },
});

/**
 * For the comment commands' specs: the post and the comment COMMENT_ID, each rebuilt from the
 * given events as the repository rebuilds them (the comment from its own events only).
 */
export const postAndComment = {
  initialState: { post: initialPostState, comment: initialCommentState },
  evolve: (state: { post: PostState; comment: CommentState }, event: PostEvent) => ({
    post: evolve(state.post, event),
    comment:
      commentEntityOf(event) === commentEntity(COMMENT_ID)
        ? evolveComment(state.comment, event)
        : state.comment,
  }),
};
