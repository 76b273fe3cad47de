import { createServer, type Server } from 'node:http';

/** A span as an OTLP/HTTP JSON export carries it, with the service that sent it. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP's SpanKind: 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
}

interface ExportRequest {
  readonly resourceSpans?: readonly {
    readonly resource?: {
      readonly attributes?: readonly { key: string; value: { stringValue?: string } }[];
    };
    readonly scopeSpans?: readonly {
      readonly spans?: readonly Omit<ReceivedSpan, 'service'>[];
    }[];
  }[];
}

export interface OtlpReceiver {
  /** Base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint: string;
  readonly spans: readonly ReceivedSpan[];
  close(): Promise<void>;
}

/**
 * An OpenTelemetry collector's trace endpoint (OTLP over HTTP, JSON encoding), keeping every
 * span the services export, so that a test can read what an operator's collector would get.
 */
export async function otlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as ExportRequest;
        for (const { resource, scopeSpans } of body.resourceSpans ?? []) {
          const service =
            resource?.attributes?.find(({ key }) => key === 'service.name')?.value.stringValue ??
            'unknown';
          for (const { spans: scoped } of scopeSpans ?? []) {
            for (const span of scoped ?? []) spans.push({ ...span, service });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
