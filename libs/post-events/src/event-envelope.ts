/** Who asked for an event, so one request can be followed across both services. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  /**
   * W3C trace context of the command that raised the event, present only when post-cmd traced
   * it: the relay and consumers continue that trace. Informational; absent on most events.
   */
  readonly traceparent?: string;
}

/**
 * The published form of every event: the value of each Kafka message and, with its publishing
 * state added, each document of the event store.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly eventId: string;
  readonly eventType: TType;
  /** Version of `data`'s shape for this event type; a consumer rejects versions it does not know. */
  readonly schemaVersion: number;
  readonly aggregateId: string;
  readonly aggregateType: string;
  /** Position of the event in its aggregate's stream: 1, 2, 3 ... without gaps. */
  readonly version: number;
  /** ISO-8601 instant. */
  readonly occurredAt: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
  /**
   * The key id of the person whose data the event holds (who acted): random, it names nobody.
   * A read model keeps it beside the rows it projects, so that when PersonErased names it, it
   * forgets them (docs/12-privacy.md). Absent on events that hold no one's data.
   */
  readonly person?: string;
}
