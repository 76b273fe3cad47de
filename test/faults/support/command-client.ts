import { bearer } from '../../support/tokens';

/** How one command ended, from the client's side. */
export type Outcome =
  | { readonly kind: 'accepted'; readonly body: CommandAnswer }
  | { readonly kind: 'rejected'; readonly status: number; readonly problemType: string }
  /** The connection was refused: the request never reached a service. */
  | { readonly kind: 'refused' }
  /** Sent, but no answer came back: it may or may not have been stored. */
  | { readonly kind: 'unanswered' };

export interface CommandAnswer {
  readonly postId: string;
  readonly version: number;
  readonly commentId?: string;
}

export interface CommandCounts {
  sent: number;
  accepted: number;
  rejected: number;
  /** Connections refused: the service was down, so nothing can have been stored. */
  refused: number;
  unanswered: number;
  serverErrors: number;
  /** 5xx that are not a retryable problem+json (503 with a problem type): a bug, not a fault. */
  unclearServerErrors: number;
}

export const emptyCounts = (): CommandCounts => ({
  sent: 0,
  accepted: 0,
  rejected: 0,
  refused: 0,
  unanswered: 0,
  serverErrors: 0,
  unclearServerErrors: 0,
});

const REQUEST_TIMEOUT_MS = 10_000;

/** Sends commands to post-cmd and counts how they ended; several clients may share counts. */
export class CommandClient {
  constructor(
    private readonly api: () => string,
    readonly counts: CommandCounts = emptyCounts(),
  ) {}

  /** Sends one command as `username` and classifies the answer; never throws. */
  async send(
    method: string,
    path: string,
    username: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Outcome> {
    this.counts.sent++;
    let response: Response;
    try {
      response = await fetch(`${this.api()}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...bearer(username), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      if (isRefused(error)) {
        this.counts.refused++;
        return { kind: 'refused' };
      }
      this.counts.unanswered++;
      return { kind: 'unanswered' };
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch {
      this.counts.unanswered++;
      return { kind: 'unanswered' };
    }
    if (response.ok) {
      this.counts.accepted++;
      return { kind: 'accepted', body: answer as CommandAnswer };
    }
    this.counts.rejected++;
    if (response.status >= 500) {
      this.counts.serverErrors++;
      if (!isRetryableProblem(response, answer)) this.counts.unclearServerErrors++;
    }
    const problemType = String((answer as { type?: unknown }).type);
    return { kind: 'rejected', status: response.status, problemType };
  }
}

/** Applies the effect a command certainly had, or may have had. */
export function record(outcome: Outcome, certain: () => void, maybe: () => void): void {
  if (outcome.kind === 'accepted') certain();
  else if (outcome.kind === 'unanswered' || (outcome.kind === 'rejected' && outcome.status >= 500))
    maybe();
}

function isRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED';
}

const isRetryableProblem = (response: Response, body: unknown): boolean =>
  response.status === 503 &&
  (response.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
  typeof (body as { type?: unknown }).type === 'string';
