import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CORRELATION_HEADER, correlationIdInRawRequest } from './correlation';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';

/** What Node's parser hands `clientError`: the bytes it had received, when it had any. */
type ParserError = NodeJS.ErrnoException & { readonly rawPacket?: Buffer };

/**
 * Requests that Node's HTTP parser rejects before any route sees them (headers or URL too
 * large, bytes that are not HTTP) get a problem+json answer like every other rejection, instead
 * of Node's bare status line, with the correlation id the caller sent if the parser got to it.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: ParserError, socket: Duplex) => {
    // A reset or half-closed connection has no one left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const correlationId = correlationIdInRawRequest(error.rawPacket);
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Bad Request',
      status,
      detail:
        status === 431
          ? 'The request line or headers are too large.'
          : 'The request is not valid HTTP.',
      correlationId,
    };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${problem.title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `${CORRELATION_HEADER}: ${correlationId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
