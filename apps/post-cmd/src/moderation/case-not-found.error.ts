import { PostRuleViolation } from '../posts/domain/post.errors';

/** No moderation case has this id. */
export class CaseNotFound extends PostRuleViolation {
  readonly problem = 'case-not-found';
  readonly kind = 'not-found';

  constructor(caseId: string) {
    super(`There is no moderation case ${caseId}.`);
  }
}
