/** How a broken rule is answered; the HTTP mapping lives in one place (post-problems.ts). */
export type PostRuleKind = 'invalid' | 'not-found' | 'forbidden' | 'conflict';

export abstract class PostRuleViolation extends Error {
  abstract readonly kind: PostRuleKind;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class PostAlreadyExists extends PostRuleViolation {
  readonly kind = 'conflict';

  constructor(readonly postId: string) {
    super(`Post ${postId} already exists.`);
  }
}

/** A message, comment or user name that is empty once trimmed, or too long. */
export class InvalidText extends PostRuleViolation {
  readonly kind = 'invalid';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}.`);
  }
}
