import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
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

const notDeclared = (field: string): FieldError => ({
  field,
  messages: [`property ${field} should not exist`],
});

/**
 * Keys named like members of `Object.prototype` (`toString`, `__proto__`, `constructor` ...),
 * at any depth. class-transformer skips them while it builds the DTO, so the whitelist never
 * sees them; no DTO declares such a field, so each is an undeclared one.
 */
function prototypeMemberKeys(value: unknown, parent = ''): FieldError[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = parent ? `${parent}.${key}` : key;
    return key in Object.prototype
      ? [notDeclared(field)]
      : prototypeMemberKeys(child as unknown, field);
  });
}

/**
 * Validates bodies, params and queries against their DTO classes; a field the DTO does not
 * declare is an error, not silently dropped, whatever its name.
 */
class ClosedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const undeclared = prototypeMemberKeys(value);
      if (undeclared.length > 0) throw new InvalidRequest(undeclared);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function requestValidationPipe(): ValidationPipe {
  return new ClosedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidRequest(flatten(errors)),
  });
}
