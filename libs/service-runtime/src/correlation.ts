import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** A caller's correlation id is kept when it is a plausible id, and made up otherwise. */
const PLAUSIBLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's `X-Correlation-Id` if plausible, or a new one,
 * echoed on the response. pino-http calls it first thing (as `genReqId`), so every log line of
 * the request, its problem+json body and the events it stores carry the same id.
 */
export function correlationIdFor(request: IncomingMessage, response: ServerResponse): string {
  const header = request.headers[CORRELATION_HEADER.toLowerCase()];
  const id = typeof header === 'string' && PLAUSIBLE_ID.test(header) ? header : randomUUID();
  response.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** The correlation id `correlationIdFor` gave the request (pino-http keeps it as `req.id`). */
export function correlationIdOf(request: IncomingMessage): string | undefined {
  const { id } = request as IncomingMessage & { id?: unknown };
  return typeof id === 'string' ? id : undefined;
}
