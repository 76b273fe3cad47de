import type { Actor } from '@social-posts/service-runtime';
import { bearer } from './tokens';

export interface JsonResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON: text, or bytes that need not be UTF-8. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Sends a bearer token for this user (an admin with `{ username, admin: true }`). */
  as?: string | Actor;
}

/** A JSON request with fetch; the body is parsed whatever the status. */
export async function request<T = Record<string, unknown>>(
  url: string,
  init: RequestOptions = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.as === undefined ? {} : bearer(init.as)),
      ...init.headers,
    },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/**
 * Asserts an RFC 9457 answer: the status, the problem+json content type, a title and a detail,
 * and, when given, the problem type (`urn:social-posts:problem:<type>`).
 */
export function expectProblem(
  response: JsonResponse<unknown>,
  status: number,
  type?: string,
): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    ...(type === undefined ? {} : { type: `urn:social-posts:problem:${type}` }),
  });
}
