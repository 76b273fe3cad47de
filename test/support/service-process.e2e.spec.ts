import { isolatedEnvironment, type IsolatedEnvironment } from './isolated-environment';
import { killServiceProcessesLeftRunning, startServiceProcess } from './service-process';

/**
 * The safety net of every integration file (integration-setup.ts): a service a file started and
 * lost track of (its set-up failed half-way) does not outlive the file, or keep Jest running.
 */
describe('service processes left running by a test file', () => {
  let environment: IsolatedEnvironment;

  beforeAll(async () => {
    environment = await isolatedEnvironment('left_running');
    environment.apply();
  });

  afterAll(() => environment?.cleanup());

  it('are killed, and stop answering', async () => {
    const forgotten = await startServiceProcess('post-cmd');

    await killServiceProcessesLeftRunning();

    expect(forgotten.alive).toBe(false);
    await expect(fetch(`${forgotten.api}/posts`)).rejects.toThrow();
  });
});
