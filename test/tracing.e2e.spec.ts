import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { otlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { startServiceProcess, type ServiceProcess } from './support/service-process';

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * Tracing on (an OTLP endpoint configured), both services as real processes exporting to a
 * collector's endpoint: one command's spans, from the HTTP request through the append, the
 * relay's publish and Kafka to the consumer's batch and its SQL, form one trace.
 */
describe('traces across both services', () => {
  let environment: IsolatedEnvironment;
  let collector: OtlpReceiver;
  let postCmd: ServiceProcess;
  let postQuery: ServiceProcess;
  const postCmdLog = join(mkdtempSync(join(tmpdir(), 'tracing-')), 'post-cmd.log');

  beforeAll(async () => {
    environment = await isolatedEnvironment('tracing');
    environment.apply();
    collector = await otlpReceiver();
    const env = {
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    [postCmd, postQuery] = await Promise.all([
      startServiceProcess('post-cmd', { env, logFile: postCmdLog }),
      startServiceProcess('post-query', { env }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await postCmd?.stop();
    await postQuery?.stop();
    await collector?.close();
    await environment?.cleanup();
  });

  it("continues the caller's trace from the command to the projection", async () => {
    const traceId = randomBytes(16).toString('hex');
    const created = await request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message: 'Traced' },
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(created.status).toBe(201);
    await eventually(
      async () =>
        expect((await request(`${postQuery.api}/posts/${created.body.postId}`)).status).toBe(200),
      { timeoutMs: 30_000 },
    );

    const spansOf = (service: string): ReceivedSpan[] =>
      collector.spans.filter((span) => span.traceId === traceId && span.service === service);
    await eventually(
      () => {
        const command = spansOf('post-cmd');
        const request = command.find((span) => span.kind === SERVER);
        const append = command.find((span) => span.name === 'insert events');
        const publish = command.find((span) => span.kind === PRODUCER);
        const process = spansOf('post-query').find((span) => span.kind === CONSUMER);
        const projection = spansOf('post-query').filter((span) => /^pg\./.test(span.name));

        expect(request?.name).toMatch(/^POST/);
        expect(append).toBeDefined();
        expect(publish?.name).toBe(`publish ${environment.variables.KAFKA_TOPIC}`);
        // The consumer's span is the child of the relay's, across Kafka.
        expect(process?.parentSpanId).toBe(publish?.spanId);
        expect(projection.some((span) => span.parentSpanId === process?.spanId)).toBe(true);
        return Promise.resolve();
      },
      { timeoutMs: 30_000 },
    );
  });

  it('writes the trace id in the log lines of a traced request, beside its correlation id', async () => {
    const traceId = randomBytes(16).toString('hex');
    const created = await request(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      body: { message: 'Logged' },
      headers: {
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        'x-correlation-id': 'traced-request',
      },
    });
    expect(created.status).toBe(201);

    await eventually(() => {
      const lines = readFileSync(postCmdLog, 'utf8')
        .split('\n')
        .filter((line) => line.includes(traceId));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(JSON.parse(line)).toMatchObject({ traceId, correlationId: 'traced-request' });
      }
      return Promise.resolve();
    });
  });

  it('traces neither probes nor scrapes', async () => {
    const origin = postCmd.api.replace(/\/api\/v1$/, '');
    expect((await fetch(`${origin}/health/live`)).status).toBe(200);
    expect((await fetch(`${origin}/metrics`)).status).toBe(200);
    const before = collector.spans.length;
    await request(`${postCmd.api}/posts/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/history`);
    await eventually(() => {
      expect(collector.spans.length).toBeGreaterThan(before);
      return Promise.resolve();
    });

    expect(collector.spans.filter((span) => /health|metrics/.test(span.name))).toEqual([]);
  });
});
