import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * Trace context carried with events, in the W3C `traceparent` form: stored with each event (so
 * that the relay, which publishes later and elsewhere, continues the command's trace), and sent
 * as a Kafka header of the same name. All of it is the OpenTelemetry API: without a started SDK
 * every call is a no-op and no context is ever written.
 */

const tracer = trace.getTracer('social-posts');

export const TRACEPARENT = 'traceparent';

/** The active span's `traceparent`, when tracing is on and a span is active. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[TRACEPARENT];
}

/** The trace and span a log line was written in, when tracing is on: to find its trace. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  return span === undefined || !trace.isSpanContextValid(span)
    ? undefined
    : { traceId: span.traceId, spanId: span.spanId };
}

const contextOf = (traceparent: string): Context =>
  propagation.extract(ROOT_CONTEXT, { [TRACEPARENT]: traceparent });

const traceparentOf = (span: Span): string | undefined => {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier[TRACEPARENT];
};

const endWith = (span: Span, failure: string | undefined): void => {
  if (failure !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
  span.end();
};

/** A message being sent, as a span of the trace its event was stored in. */
export interface SendSpan {
  /** The `traceparent` header for the message: this span, the consumer's parent. */
  readonly traceparent: string | undefined;
  end(failure?: string): void;
}

/** Starts the span of sending one event's message, if the event carries a trace context. */
export function startSendSpan(
  destination: string,
  traceparent: string | undefined,
): SendSpan | undefined {
  if (traceparent === undefined) return undefined;
  const span = tracer.startSpan(
    `publish ${destination}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': destination },
    },
    contextOf(traceparent),
  );
  return { traceparent: traceparentOf(span), end: (failure) => endWith(span, failure) };
}

/** A batch of messages being processed; `run` makes it the parent of the work's spans. */
export interface ProcessSpan {
  run<T>(work: () => Promise<T>): Promise<T>;
  end(failure?: string): void;
}

/**
 * Processes a batch within the span that continues its messages' traces (`startProcessSpan`),
 * ended with the outcome; without one when none of them carries a trace context.
 */
export async function inProcessSpan<T>(
  destination: string,
  traceparents: readonly (string | undefined)[],
  work: () => Promise<T>,
): Promise<T> {
  const span = startProcessSpan(destination, traceparents);
  if (span === undefined) return work();
  try {
    const result = await span.run(work);
    span.end();
    return result;
  } catch (error) {
    span.end(String(error));
    throw error;
  }
}

/**
 * Starts the span of processing a batch, if any of its messages carries a trace context. As
 * OpenTelemetry's messaging conventions suggest: a batch of one traced message continues that
 * message's trace; a batch of several is a span of its own, linked to each message, and each
 * message gets a span in its own trace, so that every command's trace still reaches the
 * consumer.
 */
export function startProcessSpan(
  destination: string,
  traceparents: readonly (string | undefined)[],
): ProcessSpan | undefined {
  const parents = traceparents.flatMap((traceparent) =>
    traceparent === undefined ? [] : [contextOf(traceparent)],
  );
  if (parents.length === 0) return undefined;
  const name = `process ${destination}`;
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.destination.name': destination,
    'messaging.batch.message_count': traceparents.length,
  };
  const links = parents.flatMap((parent) => {
    const spanContext = trace.getSpanContext(parent);
    return spanContext === undefined ? [] : [{ context: spanContext }];
  });
  const batch = tracer.startSpan(
    name,
    { kind: SpanKind.CONSUMER, attributes, ...(parents.length > 1 ? { links } : {}) },
    parents.length === 1 ? parents[0] : ROOT_CONTEXT,
  );
  const perMessage =
    parents.length === 1
      ? []
      : parents.map((parent) =>
          tracer.startSpan(
            name,
            {
              kind: SpanKind.CONSUMER,
              attributes,
              links: [{ context: batch.spanContext() }],
            },
            parent,
          ),
        );
  return {
    run: (work) => context.with(trace.setSpan(context.active(), batch), work),
    end: (failure) => {
      for (const span of [batch, ...perMessage]) endWith(span, failure);
    },
  };
}
