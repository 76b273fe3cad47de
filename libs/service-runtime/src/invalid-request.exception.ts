import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem-details';

/** A 400 that names each offending field. */
export class InvalidRequest extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super(`Invalid request: ${fieldErrors.map((error) => error.field).join(', ')}`);
  }
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    const nested = flatten(error.children ?? [], field);
    return own.length > 0 ? [{ field, messages: own }, ...nested] : nested;
  });
}

/**
 * Validates bodies, params and queries against their DTO classes; a field the DTO does not
 * declare is an error, not silently dropped.
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidRequest(flatten(errors)),
  });
}
