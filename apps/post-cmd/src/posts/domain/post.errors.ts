/** How a broken rule is answered; the HTTP mapping lives in one place (post-problems.ts). */
export type PostRuleKind = 'invalid' | 'not-found' | 'forbidden' | 'conflict';

export abstract class PostRuleViolation extends Error {
  /**
   * Its stable name, which clients match on (`urn:social-posts:problem:<problem>`): written out,
   * never derived from the class name, so that renaming a class changes no contract.
   */
  abstract readonly problem: string;
  abstract readonly kind: PostRuleKind;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A message, comment or user name that is empty once trimmed, or too long. */
export class InvalidText extends PostRuleViolation {
  readonly problem = 'invalid-text';
  readonly kind = 'invalid';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}.`);
  }
}

export class PostNotFound extends PostRuleViolation {
  readonly problem = 'post-not-found';
  readonly kind = 'not-found';

  constructor(readonly postId: string) {
    super(`Post ${postId} does not exist.`);
  }
}

export class CommentNotFound extends PostRuleViolation {
  readonly problem = 'comment-not-found';
  readonly kind = 'not-found';

  constructor(
    readonly postId: string,
    readonly commentId: string,
  ) {
    super(`Post ${postId} has no comment ${commentId}.`);
  }
}

export class PostAlreadyExists extends PostRuleViolation {
  readonly problem = 'post-already-exists';
  readonly kind = 'conflict';

  constructor(readonly postId: string) {
    super(`Post ${postId} already exists.`);
  }
}

/** Nothing can be done to a removed post. */
export class PostIsRemoved extends PostRuleViolation {
  readonly problem = 'post-is-removed';
  readonly kind = 'conflict';

  constructor(readonly postId: string) {
    super(`Post ${postId} has been removed.`);
  }
}

export class AlreadyLiked extends PostRuleViolation {
  readonly problem = 'already-liked';
  readonly kind = 'conflict';

  constructor(
    readonly postId: string,
    readonly username: string,
  ) {
    super(`${username} already likes post ${postId}.`);
  }
}

export class AlreadyReported extends PostRuleViolation {
  readonly problem = 'already-reported';
  readonly kind = 'conflict';

  constructor(
    readonly postId: string,
    readonly username: string,
  ) {
    super(`${username} has already reported post ${postId}.`);
  }
}

/** The person's erasure is on the post already: erasing them again there appends nothing. */
export class PersonAlreadyErased extends PostRuleViolation {
  readonly problem = 'person-already-erased';
  readonly kind = 'conflict';

  constructor(readonly postId: string) {
    super(`The person is already erased from post ${postId}.`);
  }
}

/** A report asks others to look at a post: its author can remove it instead. */
export class OwnPostReported extends PostRuleViolation {
  readonly problem = 'own-post-reported';
  readonly kind = 'forbidden';

  constructor(readonly postId: string) {
    super(`Post ${postId} is your own: remove it rather than report it.`);
  }
}

/** Moderation hides a post once, for one case at a time. */
export class PostAlreadyHidden extends PostRuleViolation {
  readonly problem = 'post-already-hidden';
  readonly kind = 'conflict';

  constructor(postId: string, caseId: string) {
    super(`Post ${postId} is already hidden, for moderation case ${caseId}.`);
  }
}

/** A decision for a case the post is not (or no longer) hidden for: it was decided already. */
export class CaseNotOpen extends PostRuleViolation {
  readonly problem = 'case-not-open';
  readonly kind = 'conflict';

  constructor(postId: string, caseId: string) {
    super(`Moderation case ${caseId} is not open on post ${postId}: it was decided already.`);
  }
}

/** Only the author of a post, or of a comment, may change or remove it. */
export class NotTheAuthor extends PostRuleViolation {
  readonly problem = 'not-the-author';
  readonly kind = 'forbidden';

  constructor(username: string, what: string) {
    super(`${username} is not the author of ${what}.`);
  }
}

/** A version of the post's history that it has not reached. */
export class VersionNotFound extends PostRuleViolation {
  readonly problem = 'version-not-found';
  readonly kind = 'not-found';

  constructor(postId: string, requested: number, current: number) {
    super(`Post ${postId} is at version ${current}; it has no version ${requested} yet.`);
  }
}
