import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** A caller's correlation id is kept when it is a plausible id, and made up otherwise. */
const PLAUSIBLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const plausibleOrNew = (sent: unknown): string =>
  typeof sent === 'string' && PLAUSIBLE_ID.test(sent) ? sent : randomUUID();

/**
 * The request's correlation id: the caller's `X-Correlation-Id` if plausible, or a new one,
 * echoed on the response. The first middleware of the HTTP shell calls it, so that every answer
 * carries it, whichever layer gives it (a 405 before any route, a body the parser refused);
 * pino-http calls it again (as `genReqId`) and gets the same id, so every log line of the
 * request, its problem+json body and the events it stores carry it too.
 */
export function correlationIdFor(request: IncomingMessage, response: ServerResponse): string {
  const known = correlationIdOf(request);
  if (known !== undefined) return known;
  const id = plausibleOrNew(request.headers[CORRELATION_HEADER.toLowerCase()]);
  // Where pino-http keeps it too.
  (request as IncomingMessage & { id?: string }).id = id;
  response.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** The correlation id `correlationIdFor` gave the request. */
export function correlationIdOf(request: IncomingMessage): string | undefined {
  const { id } = request as IncomingMessage & { id?: unknown };
  return typeof id === 'string' ? id : undefined;
}

const HEADER_IN_RAW_REQUEST = new RegExp(`\\r\\n${CORRELATION_HEADER}:[ \\t]*([^\\r\\n]*)`, 'i');

/**
 * The correlation id of a request Node's parser refused (headers too large, not HTTP), read from
 * the bytes it received: the caller's if it got that far and is plausible, or a new one.
 */
export function correlationIdInRawRequest(raw: Buffer | undefined): string {
  const sent = raw?.toString('latin1').match(HEADER_IN_RAW_REQUEST)?.[1]?.trim();
  return plausibleOrNew(sent);
}
