import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from './support/service-process';

/** Escape sequences of the printer's colours. */
const COLOURS = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

/**
 * What `npm start` prints on a terminal (LOG_FORMAT=pretty, which start.sh sets when its output
 * is one): a line a person reads, per request, and no line for the machines' probes.
 */
describe('readable logs (post-cmd as a real process)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: ServiceProcess;
  let logFile: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('readable_logs');
    environment.apply();
    logFile = join(mkdtempSync(join(tmpdir(), 'readable-logs-')), 'post-cmd.log');
    postCmd = await startServiceProcess('post-cmd', {
      logFile,
      env: { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' },
    });
  });

  afterAll(async () => {
    await postCmd?.stop();
    await environment?.cleanup();
  });

  const lines = () => readFileSync(logFile, 'utf8').replace(COLOURS, '').split('\n');

  it('prints one line per request with its method, URL, status and time, and none for probes', async () => {
    const origin = postCmd.api.replace(/\/api\/v1$/, '');
    await fetch(`${origin}/health/ready`);
    await fetch(`${origin}/metrics`);
    const created = await request(`${postCmd.api}/posts`, {
      method: 'POST',
      as: 'ada',
      headers: { 'x-correlation-id': 'readable-1' },
      body: { message: 'Hi' },
    });
    expect(created.status).toBe(201);

    await eventually(() =>
      expect(lines()).toContainEqual(
        expect.stringMatching(
          /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed POST \/api\/v1\/posts 201 \(\d+ ms\) \{"correlationId":"readable-1"\}$/,
        ),
      ),
    );
    expect(lines().filter((line) => line.startsWith('{'))).toEqual([]);
    const requests = lines().filter((line) => line.includes('request completed'));
    expect(requests.filter((line) => / \/(health|metrics)/.test(line))).toEqual([]);
  });
});
