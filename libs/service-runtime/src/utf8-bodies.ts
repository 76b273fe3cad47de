import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a refusal of `requireUtf8` is, as body-parser names its own errors' kinds. */
export type BodyEncodingProblem = 'charset.unsupported' | 'entity.utf8.invalid';

/**
 * Thrown by `requireUtf8`. body-parser answers every error of its `verify` hook with a 403,
 * so ProblemDetailsFilter chooses the status by `type` (415 for a charset, 400 for the bytes).
 */
export class BodyEncodingRefused extends Error {
  constructor(readonly type: BodyEncodingProblem) {
    super(type);
  }
}

/**
 * The JSON parser's `verify` hook, on the bytes before they are decoded: JSON bodies are UTF-8
 * (RFC 8259), and bytes that are not UTF-8 are refused rather than stored as U+FFFD. The
 * parser itself would decode UTF-16 and UTF-32 too, into garbage when the bytes are not.
 */
export function requireUtf8(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
  charset: string | null,
): void {
  if (charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyEncodingRefused('charset.unsupported');
  }
  if (!isUtf8(body)) throw new BodyEncodingRefused('entity.utf8.invalid');
}
