import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import type { Request } from 'express';

/** A caller's correlation id is kept when it is a plausible id, and made up otherwise. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The command's metadata, from the edge: a new command id, the caller's `X-Correlation-Id`
 * (or a new one), and the time the request arrived.
 */
export const CommandMeta = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandMetadata => {
    const header = context.switchToHttp().getRequest<Request>().header('x-correlation-id');
    return {
      commandId: randomUUID(),
      correlationId: header !== undefined && CORRELATION_ID.test(header) ? header : randomUUID(),
      receivedAt: new Date().toISOString(),
    };
  },
);
