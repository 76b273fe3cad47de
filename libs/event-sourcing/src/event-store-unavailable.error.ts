/**
 * The event store failed to answer (unreachable, connection lost mid-operation). For an
 * append, whether the event was stored is unknown; a client may retry, and the rules decide
 * what a repeated command means (a second like is refused, for instance).
 */
export class EventStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The event store failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'EventStoreUnavailable';
  }
}
