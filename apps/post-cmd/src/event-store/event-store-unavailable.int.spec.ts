import { expectProblem, request } from '../../../../test/support/http';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { killServer, onLocalStack, startServer } from '../../../../test/support/local-stack';
import { startPostCmd, type RunningService } from '../../../../test/support/services';

// Kills the MongoDB-compatible server: only the local stack lets a test do that.
const describeOnLocalStack = onLocalStack() ? describe : describe.skip;

describeOnLocalStack('commands while the event store is down', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('store_down');
    environment.apply();
    postCmd = await startPostCmd();
  });

  afterAll(async () => {
    await startServer('mongo');
    await postCmd?.close();
    await environment?.cleanup();
  });

  const createPost = () =>
    request(`${postCmd.api}/posts`, { method: 'POST', as: 'ada', body: { message: 'Hi' } });

  it('answers 503 problem+json, never a 2xx or a 500, and works again once it is back', async () => {
    await killServer('mongo');

    const refused = await createPost();

    expectProblem(refused, 503, 'event-store-unavailable');

    await startServer('mongo');
    expect((await createPost()).status).toBe(201);
  });
});
