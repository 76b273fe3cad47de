import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { expectProblem, request } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { startPostCmd, type RunningService } from '@test/support/services';
import type { PersonalDataExport } from './personal-data-export';

/** What post-cmd answers a command (comment commands add the comment's id). */
interface Accepted {
  readonly postId: string;
  readonly commentId?: string;
}

describe('GET /api/v1/users/me/export (post-cmd over HTTP, real event store)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await isolatedEnvironment('export_personal_data');
    environment.apply();
    postCmd = await startPostCmd();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
  });

  afterAll(async () => {
    await mongo?.close();
    await postCmd?.close();
    await environment?.cleanup();
  });

  const send = async (method: string, path: string, as: string, body?: unknown) => {
    const response = await request<Accepted>(`${postCmd.api}${path}`, { method, as, body });
    expect(response.status).toBeLessThan(300);
    return response.body;
  };
  const exportOf = (as: string) =>
    request<PersonalDataExport>(`${postCmd.api}/users/me/export`, { as });

  it('given what a person wrote and did among others’ doings, exports theirs and nothing else', async () => {
    const { postId: adasPost } = await send('POST', '/posts', 'ada', { message: 'Ada first' });
    await send('PATCH', `/posts/${adasPost}`, 'ada', { message: 'Ada final #cqrs' });
    const { postId: gracesPost } = await send('POST', '/posts', 'grace', { message: 'Grace' });
    await send('POST', `/posts/${gracesPost}/likes`, 'ada');
    const { commentId } = await send('POST', `/posts/${gracesPost}/comments`, 'ada', {
      comment: 'Ada says hi',
    });
    await send('PATCH', `/posts/${gracesPost}/comments/${commentId!}`, 'ada', {
      comment: 'Ada says hello',
    });
    await send('POST', `/posts/${adasPost}/comments`, 'grace', { comment: 'Grace replies' });
    await send('POST', `/posts/${adasPost}/likes`, 'grace');

    const exported = await exportOf('ada');

    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      'attachment; filename="personal-data.json"',
    );
    expect(exported.headers.get('cache-control')).toBe('no-store');
    expect(exported.body).toMatchObject({
      username: 'ada',
      posts: [
        {
          postId: adasPost,
          versions: [
            { version: 1, message: 'Ada first', tags: [] },
            { version: 2, message: 'Ada final #cqrs', tags: ['cqrs'] },
          ],
          removedAt: null,
        },
      ],
      comments: [
        {
          postId: gracesPost,
          commentId,
          versions: [{ comment: 'Ada says hi' }, { comment: 'Ada says hello' }],
          removedAt: null,
        },
      ],
      likes: [{ postId: gracesPost }],
      removals: [],
    });
    expect(JSON.stringify(exported.body)).not.toMatch(/Grace/);
  });

  it('given someone who never acted, exports empty lists and makes them no key', async () => {
    const username = `quiet-${randomUUID().slice(0, 8)}`;

    expect((await exportOf(username)).body).toMatchObject({
      username,
      posts: [],
      comments: [],
      likes: [],
      removals: [],
    });
    const keys = mongo.db(environment.variables.MONGO_DATABASE).collection('person_keys');
    expect(await keys.countDocuments({ username })).toBe(0);
  });

  it('answers 401 without a token', async () => {
    expectProblem(await request(`${postCmd.api}/users/me/export`), 401);
  });
});
