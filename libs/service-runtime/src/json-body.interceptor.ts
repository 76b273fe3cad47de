import {
  BadRequestException,
  Injectable,
  UnsupportedMediaTypeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** Deeper than any request of this API; validation walks bodies recursively. */
export const MAX_BODY_DEPTH = 16;

/** How deeply a parsed JSON value nests, counted without recursion, stopping past `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A request that carries a body must send it as JSON: any other content type is a 415,
 * rather than a body the JSON parser skipped and validation then reports as empty fields.
 * A body nested absurdly deep is a 400 here, before validation would overflow the stack on it.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const hasBody =
      request.headers['content-length'] !== '0' &&
      (request.headers['content-length'] !== undefined ||
        request.headers['transfer-encoding'] !== undefined);
    if (hasBody && !request.is('application/json')) {
      throw new UnsupportedMediaTypeException('The request body must be application/json.');
    }
    if (depthExceeds(request.body, MAX_BODY_DEPTH)) {
      throw new BadRequestException(`The request body nests deeper than ${MAX_BODY_DEPTH} levels.`);
    }
    return next.handle();
  }
}
