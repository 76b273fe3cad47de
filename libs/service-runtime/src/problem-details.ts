/** A problem as an app describes it: the members of RFC 9457 it decides, plus extensions. */
export interface Problem {
  /** A URI naming the kind of problem; `about:blank` when the status says it all. */
  readonly type: string;
  readonly status: number;
  readonly detail: string;
  /** Per-field messages of a 400 caused by invalid input. */
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** An `application/problem+json` body (RFC 9457) as sent. */
export interface ProblemDetails extends Problem {
  readonly title: string;
  readonly instance?: string;
}

export interface FieldError {
  /** Dotted path of the field in the request (`message`, `comment.text`, `If-Match`). */
  readonly field: string;
  readonly messages: readonly string[];
}

/** How an app turns its own domain errors into problems; `undefined` for errors it does not own. */
export type DomainErrorMapper = (error: unknown) => Problem | undefined;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The `type` of one of this API's own problems: `urn:social-posts:problem:<name>`, a stable
 * name clients match on (docs/endpoints.md lists them).
 */
export const problemType = (name: string): string => `urn:social-posts:problem:${name}`;

/** An error that states its own problem, for the shared shell's routes (readiness). */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** An error whose answer carries headers besides the problem (`WWW-Authenticate`, `Retry-After`). */
export interface WithResponseHeaders {
  readonly responseHeaders: Readonly<Record<string, string>>;
}

export const hasResponseHeaders = (error: unknown): error is WithResponseHeaders =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as Partial<WithResponseHeaders>).responseHeaders === 'object';
