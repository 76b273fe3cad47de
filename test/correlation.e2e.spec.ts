import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { expectProblem, request } from './support/http';
import { bearer } from './support/tokens';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import {
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from './support/service-process';

interface LogLine {
  readonly correlationId?: string;
  readonly msg?: string;
}

/**
 * One id follows a request everywhere an operator or a client looks: the response's header,
 * its problem+json body, every log line written while serving it, and the events it stores.
 */
describe('correlation ids (post-cmd as a real process, real servers)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: ServiceProcess;
  let postQuery: ServiceProcess;
  let logFile: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('correlation');
    environment.apply();
    logFile = join(mkdtempSync(join(tmpdir(), 'correlation-')), 'post-cmd.log');
    postCmd = await startServiceProcess('post-cmd', { logFile, env: { LOG_LEVEL: 'info' } });
    postQuery = await startServiceProcess('post-query');
  });

  afterAll(async () => {
    await postQuery?.stop();
    await postCmd?.stop();
    await environment?.cleanup();
  });

  const logLines = (): LogLine[] =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);

  it('carries the caller’s X-Correlation-Id to the response, the logs and the stored event', async () => {
    const correlationId = 'checkout-4711.retry-1';
    const created = await request<{ postId: string }>(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      headers: { 'x-correlation-id': correlationId },
      body: { message: 'Traced' },
    });

    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe(correlationId);
    const history = await request<{ metadata: { correlationId: string } }[]>(
      `${postCmd.api}/posts/${created.body.postId}/events`,
    );
    expect(history.body.map((event) => event.metadata.correlationId)).toEqual([correlationId]);
    await eventually(() =>
      expect(logLines().filter((line) => line.correlationId === correlationId)).not.toEqual([]),
    );
  });

  it('makes one up when the caller sends none or an implausible one, and puts it in a problem', async () => {
    const sent: Record<string, string>[] = [{}, { 'x-correlation-id': 'not an id; drop table' }];
    for (const headers of sent) {
      const refused = await request(`${postCmd.api}/posts`, {
        method: 'POST',
        as: 'ada',
        headers,
        body: { message: '' },
      });

      expectProblem(refused, 400);
      const correlationId = refused.headers.get('x-correlation-id');
      expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(refused.body.correlationId).toBe(correlationId);
      await eventually(() =>
        expect(logLines().filter((line) => line.correlationId === correlationId)).not.toEqual([]),
      );
    }
  });

  it('puts it in a problem answered before any route runs, as for a body that is not JSON', async () => {
    const refused = await request(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      headers: { 'x-correlation-id': 'bad-json-1' },
      rawBody: '{"message":',
    });

    expectProblem(refused, 400);
    expect(refused.body.correlationId).toBe('bad-json-1');
    expect(refused.headers.get('x-correlation-id')).toBe('bad-json-1');
  });

  describe('on every answer, whichever layer of either service gives it', () => {
    const api = (service: ServiceName) => (service === 'post-cmd' ? postCmd : postQuery).api;
    const cases: Array<[string, ServiceName, number, (correlationId: string) => RequestInit]> = [
      ['no route', 'post-query', 404, () => ({})],
      ['a method the path does not have', 'post-cmd', 405, () => ({ method: 'PUT' })],
      ['a method the path does not have', 'post-query', 405, () => ({ method: 'DELETE' })],
      ['a body over 64 kB', 'post-cmd', 413, () => json('x'.repeat(70_000))],
      ['a body that is not JSON', 'post-cmd', 415, () => ({ ...json('Hi'), headers: text })],
      ['a charset other than UTF-8', 'post-cmd', 415, () => ({ ...json('Hi'), headers: utf16 })],
      ['bytes that are not UTF-8', 'post-cmd', 400, () => notUtf8],
      [
        'headers too large',
        'post-cmd',
        431,
        () => ({ headers: { 'x-padding': 'x'.repeat(20_000) } }),
      ],
      [
        'headers too large',
        'post-query',
        431,
        () => ({ headers: { 'x-padding': 'x'.repeat(20_000) } }),
      ],
    ];

    it.each(cases)('%s (%s, %i)', async (_, service, status, init) => {
      const correlationId = `edge-${service}-${status}`;
      const given = init(correlationId);

      const response = await fetch(
        `${api(service)}${status === 404 ? '/nothing-here' : '/posts'}`,
        {
          ...given,
          headers: { ...given.headers, 'x-correlation-id': correlationId },
        },
      );

      expect(response.status).toBe(status);
      expect(response.headers.get('x-correlation-id')).toBe(correlationId);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status, correlationId });
    });
  });
});

// A command as ada, so that no refusal for access comes first.
const text = { ...bearer('ada'), 'content-type': 'text/plain' };
const utf16 = { ...bearer('ada'), 'content-type': 'application/json; charset=utf-16' };
const json = (message: string): RequestInit => ({
  method: 'POST',
  headers: { ...bearer('ada'), 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});
const notUtf8: RequestInit = { ...json(''), body: Buffer.from('{"message":"\xff"}', 'latin1') };
