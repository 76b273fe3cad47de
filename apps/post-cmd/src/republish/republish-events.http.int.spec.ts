import { randomUUID } from 'node:crypto';
import { eventually } from '@test/support/eventually';
import { request } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { startPostCmd, type RunningService } from '@test/support/services';
import { ADMIN } from '@test/support/tokens';

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

  type Progress = {
    jobId: string | null;
    republishing: boolean;
    republished: number;
    unpublished: number;
    done: boolean;
  };
  const progress = () => request<Progress>(`${postCmd.api}/admin/republish`, { as: ADMIN });

  it('starts publishing every stored event again, and reports progress until it is done', async () => {
    for (let i = 0; i < 3; i++) {
      await request(`${postCmd.api}/posts`, {
        method: 'POST',
        as: 'ada',
        body: { message: `Post ${i}` },
      });
    }
    await eventually(async () => expect((await progress()).body.unpublished).toBe(0));

    const started = await request<Progress>(`${postCmd.api}/admin/republish`, {
      method: 'POST',
      as: ADMIN,
    });

    expect(started.status).toBe(202);
    const { jobId } = started.body;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.body).toEqual({
      jobId,
      republishing: true,
      republished: 0,
      unpublished: 0,
      done: false,
    });
    await eventually(async () =>
      expect((await progress()).body).toEqual({
        jobId,
        republishing: false,
        republished: 3,
        unpublished: 0,
        done: true,
      }),
    );
  });

  it('names the newest request, so that a caller sees when a newer one replaced its own', async () => {
    const republish = (postId?: string) =>
      request<Progress>(`${postCmd.api}/admin/republish${postId ? `?postId=${postId}` : ''}`, {
        method: 'POST',
        as: ADMIN,
      });
    const first = (await republish()).body.jobId;
    const second = (await republish(randomUUID())).body.jobId;

    expect(second).not.toBe(first);
    expect((await progress()).body.jobId).toBe(second);
  });
});
