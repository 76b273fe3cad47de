import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMetadata, IdempotencyKey } from '@social-posts/event-sourcing';
import {
  correlationIdOf,
  InvalidRequest,
  type RequestWithActor,
} from '@social-posts/service-runtime';
import { activeTraceparent } from '@social-posts/tracing';
import type { Request } from 'express';

/** Visible ASCII, as in the IETF draft's examples (UUIDs, random strings). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * The request's `Idempotency-Key`, scoped to its user (two users' keys never meet), with a
 * fingerprint of what it asks: method, path, If-Match and body.
 */
function idempotencyOf(request: RequestWithActor): IdempotencyKey | undefined {
  const key = request.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidRequest([
      { field: 'Idempotency-Key', messages: ['must be 1 to 255 visible ASCII characters'] },
    ]);
  }
  const user = request.actor?.username ?? '';
  return {
    key: sha256(JSON.stringify([user, key])),
    request: sha256(
      JSON.stringify([request.method, request.path, request.header('if-match'), request.body]),
    ),
  };
}

/**
 * The command's metadata, from the edge: a new command id, the request's correlation id (the
 * caller's `X-Correlation-Id`, or a new one, as in its logs), the time the request arrived, its
 * Idempotency-Key if it sent one, and its trace context when tracing is on.
 */
export const CommandMeta = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandMetadata => {
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const idempotency = idempotencyOf(request);
    const traceparent = activeTraceparent();
    const actor = request.actor?.username;
    // Every command route needs a token (the default): none here is a route declared wrong.
    if (actor === undefined) throw new Error('A command reached its handler without an actor');
    return {
      commandId: randomUUID(),
      correlationId: correlationIdOf(request) ?? randomUUID(),
      actor,
      receivedAt: new Date().toISOString(),
      ...(idempotency === undefined ? {} : { idempotency }),
      ...(traceparent === undefined ? {} : { traceparent }),
    };
  },
);
