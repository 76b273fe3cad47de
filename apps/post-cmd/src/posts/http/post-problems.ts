import { problemType, type DomainErrorMapper } from '@social-posts/service-runtime';
import { VersionConflict } from '@social-posts/event-sourcing';
import { CommandsOverloaded } from '../application/command-admission';
import { IdempotencyKeyReused } from '../application/post-command-runner';
import { InvalidText, PostRuleViolation, type PostRuleKind } from '../domain/post.errors';

const STATUS: Readonly<Record<PostRuleKind, number>> = {
  invalid: 400,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
};

/** post-cmd's domain errors as problem+json: the only place they meet HTTP. */
export const mapPostError: DomainErrorMapper = (error) => {
  if (error instanceof CommandsOverloaded) {
    return { type: problemType('overloaded'), status: 503, detail: error.message };
  }
  if (error instanceof IdempotencyKeyReused) {
    return { type: problemType('idempotency-key-reused'), status: 422, detail: error.message };
  }
  if (error instanceof VersionConflict) {
    return {
      type: problemType('version-conflict'),
      status: 409,
      detail: error.message,
      ...(error.actualVersion === undefined ? {} : { currentVersion: error.actualVersion }),
    };
  }
  if (error instanceof PostRuleViolation) {
    return {
      type: problemType(error.problem),
      status: STATUS[error.kind],
      detail: error.message,
      ...(error instanceof InvalidText
        ? { errors: [{ field: error.field, messages: [error.reason] }] }
        : {}),
    };
  }
  return undefined;
};
