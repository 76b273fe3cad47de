import { eventually } from '../../../../test/support/eventually';
import { request } from '../../../../test/support/http';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { startPostCmd, type RunningService } from '../../../../test/support/services';

describe('POST /api/v1/admin/republish (post-cmd, real event store and Kafka)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('republish_http');
    environment.apply();
    postCmd = await startPostCmd();
  });

  afterAll(async () => {
    await postCmd?.close();
    await environment?.cleanup();
  });

  const progress = () =>
    request<{ total: number; pending: number }>(`${postCmd.api}/admin/republish`);

  it('starts publishing every stored event again, and reports progress until none is pending', async () => {
    for (let i = 0; i < 3; i++) {
      await request(`${postCmd.api}/posts`, {
        method: 'POST',
        body: { author: 'ada', message: `Post ${i}` },
      });
    }
    await eventually(async () => expect((await progress()).body.pending).toBe(0));

    const started = await request<{ total: number; pending: number }>(
      `${postCmd.api}/admin/republish`,
      {
        method: 'POST',
      },
    );

    expect(started.status).toBe(202);
    expect(started.body).toEqual({ total: 3, pending: 3 });
    await eventually(async () => expect((await progress()).body).toEqual({ total: 3, pending: 0 }));
  });
});
