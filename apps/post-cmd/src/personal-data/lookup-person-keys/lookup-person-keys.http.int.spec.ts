import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { expectProblem, request } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { startPostCmd, type RunningService } from '@test/support/services';
import { ADMIN } from '@test/support/tokens';
import type { PersonKeysFound } from './person-keys-found.response';

describe('POST /api/v1/admin/person-keys/lookup (post-cmd over HTTP, real key store)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await isolatedEnvironment('lookup_person_keys');
    environment.apply();
    postCmd = await startPostCmd();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
  });

  afterAll(async () => {
    await mongo?.close();
    await postCmd?.close();
    await environment?.cleanup();
  });

  const keyIdOf = async (username: string) =>
    (await mongo
      .db(environment.variables.MONGO_DATABASE)
      .collection<{ _id: string; username: string }>('person_keys')
      .findOne({ username }))!._id;

  const lookup = (keyIds: unknown, as = ADMIN) =>
    request<PersonKeysFound>(`${postCmd.api}/admin/person-keys/lookup`, {
      method: 'POST',
      as,
      body: { keyIds },
    });

  it('answers the keys that exist, and leaves out an erased person’s and unknown ids', async () => {
    for (const user of ['ada', 'grace']) {
      const created = await request(`${postCmd.api}/posts`, {
        method: 'POST',
        as: user,
        body: { message: `By ${user}` },
      });
      expect(created.status).toBe(201);
    }
    const [ada, grace] = [await keyIdOf('ada'), await keyIdOf('grace')];
    const erased = await request(`${postCmd.api}/users/me`, { method: 'DELETE', as: 'grace' });
    expect(erased.status).toBe(200);

    const answer = await lookup([ada, grace, randomUUID(), ada]);

    expect(answer.status).toBe(200);
    expect(answer.body.keys.map((found) => found.keyId)).toEqual([ada]);
    expect(Buffer.from(answer.body.keys[0]!.key, 'base64')).toHaveLength(32);
  });

  it('is for admins only, and takes 1 to 1,000 UUIDs', async () => {
    expectProblem(await lookup([randomUUID()], { username: 'ada', admin: false }), 403);
    for (const keyIds of [[], ['not-a-key-id'], 'x', Array.from({ length: 1_001 }, randomUUID)]) {
      const refused = await lookup(keyIds);
      expectProblem(refused, 400);
      expect(JSON.stringify(refused.body)).toContain('keyIds');
    }
  });
});
