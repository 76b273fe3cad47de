import {
  Injectable,
  UnsupportedMediaTypeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * A request that carries a body must send it as JSON: any other content type is a 415,
 * rather than a body the JSON parser skipped and validation then reports as empty fields.
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
    return next.handle();
  }
}
