import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { CommandAccepted } from '../application/post-command-runner';

/** Every accepted command answers its post's new version in the body and as the ETag. */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  intercept(
    context: ExecutionContext,
    next: CallHandler<CommandAccepted>,
  ): Observable<CommandAccepted> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((accepted) => {
        response.setHeader('ETag', `"${accepted.version}"`);
        return accepted;
      }),
    );
  }
}
