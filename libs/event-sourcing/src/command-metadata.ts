import type { IdempotencyKey } from './idempotency';

/**
 * What every command carries besides its own data. Time and identity arrive here, from the edge,
 * so that the domain never reads a clock and its tests can assert exact events.
 */
export interface CommandMetadata {
  /** Unique id of this command; becomes the causationId of the events it raises. */
  readonly commandId: string;
  readonly correlationId: string;
  /**
   * The user the command acts for (the token's subject): whose key seals its personal data.
   * Absent for the system's own commands (a process manager's), whose events name no one.
   */
  readonly actor?: string;
  /** ISO-8601 instant at which the command was received. */
  readonly receivedAt: string;
  /** From the client's Idempotency-Key: a retry of the same request gets the first answer. */
  readonly idempotency?: IdempotencyKey;
  /** W3C trace context of the request, when it was traced: its events continue the trace. */
  readonly traceparent?: string;
}
