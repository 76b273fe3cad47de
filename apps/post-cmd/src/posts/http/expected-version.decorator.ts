import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { InvalidRequest } from '@social-posts/service-runtime';
import type { Request } from 'express';

/**
 * `"7"`, the ETag a command answered with, or the bare version `7`, which hand-written
 * clients send. Weak tags (`W/"7"`) do not say a version exactly, and `*` is not supported.
 */
export const QUOTED_VERSION = /^(?:"(\d{1,9})"|(\d{1,9}))$/;

/**
 * The version a client demands with `If-Match: "<version>"`, or undefined without the header.
 * A command on another version is answered 409 with the current one.
 */
export const ExpectedVersion = createParamDecorator(
  (_: unknown, context: ExecutionContext): number | undefined => {
    const header = context.switchToHttp().getRequest<Request>().header('if-match');
    if (header === undefined) return undefined;
    const match = QUOTED_VERSION.exec(header.trim());
    if (!match) {
      throw new InvalidRequest([
        { field: 'If-Match', messages: ['must be a version, such as "3" (the ETag) or 3'] },
      ]);
    }
    return Number(match[1] ?? match[2]);
  },
);
