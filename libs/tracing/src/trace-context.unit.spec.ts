import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { activeTraceparent, inProcessSpan, startProcessSpan, startSendSpan } from './trace-context';

const traceparent = (traceId: string, spanId = '00f067aa0ba902b7') => `00-${traceId}-${spanId}-01`;
const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';

describe('trace context carried with events', () => {
  describe('with tracing off (no SDK started)', () => {
    it('writes no context and starts no span', () => {
      expect(activeTraceparent()).toBeUndefined();
      expect(startSendSpan('topic', undefined)).toBeUndefined();
      expect(startProcessSpan('topic', [undefined, undefined])).toBeUndefined();
    });
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();

    beforeAll(() => {
      const provider = new TracerProvider({
        spanProcessors: [new SimpleSpanProcessor({ exporter })],
      });
      trace.setGlobalTracerProvider(provider);
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    });

    afterAll(() => {
      trace.disable();
      propagation.disable();
      context.disable();
    });

    beforeEach(() => exporter.reset());

    const finished = () => exporter.getFinishedSpans();

    it("sends a message as a child of its event's trace, and gives the consumer that send as parent", () => {
      const send = startSendSpan('posts', traceparent(TRACE_A));
      send!.end();

      const [span] = finished();
      expect(span!.spanContext().traceId).toBe(TRACE_A);
      expect(span!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
      expect(send!.traceparent).toBe(traceparent(TRACE_A, span!.spanContext().spanId));
    });

    it("processes a batch of one traced message within that message's trace", async () => {
      const batch = startProcessSpan('posts', [traceparent(TRACE_A), undefined]);
      const inside = await batch!.run(() => Promise.resolve(activeTraceparent()));
      batch!.end();

      const [span] = finished();
      expect(span!.spanContext().traceId).toBe(TRACE_A);
      expect(inside).toBe(traceparent(TRACE_A, span!.spanContext().spanId));
    });

    it("processes a batch of several as a span linked to each, and reaches each message's trace", () => {
      startProcessSpan('posts', [traceparent(TRACE_A), traceparent(TRACE_B)])!.end('failed');

      const spans = finished();
      const batch = spans.find((span) => span.links.length === 2)!;
      expect(batch.links.map((link) => link.context.traceId)).toEqual([TRACE_A, TRACE_B]);
      const traces = spans
        .filter((span) => span !== batch)
        .map((span) => span.spanContext().traceId);
      expect(traces).toEqual([TRACE_A, TRACE_B]);
      expect(spans.every((span) => span.status.message === 'failed')).toBe(true);
    });

    it('ends a batch’s span with its failure, and passes the failure on', async () => {
      const failing = inProcessSpan('posts', [traceparent(TRACE_A)], () =>
        Promise.reject(new Error('refused')),
      );

      await expect(failing).rejects.toThrow('refused');
      expect(finished().map((span) => span.status.message)).toEqual(['Error: refused']);
    });

    it('processes a batch without a span when no message carries a trace context', async () => {
      expect(await inProcessSpan('posts', [undefined], () => Promise.resolve('done'))).toBe('done');
      expect(finished()).toEqual([]);
    });
  });
});
