import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from '@social-posts/service-runtime';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoConnection } from '../event-store/mongo-connection';
import { MongoPersonKeyStore } from './mongo-person-key-store';

describe('MongoPersonKeyStore (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let keys: MongoPersonKeyStore;

  beforeAll(async () => {
    environment = await isolatedEnvironment('person_keys');
    const config = new ConfigService<PostCmdEnvironment, true>(
      validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
    );
    connection = new MongoConnection(config);
    keys = new MongoPersonKeyStore(connection, config);
    await keys.onModuleInit();
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  it('makes one key per person, also when their first commands race', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, () => keys.keyFor('ada')));

    expect(new Set(made.map(({ keyId }) => keyId)).size).toBe(1);
    expect((await keys.keyFor('ada')).key.equals(made[0]!.key)).toBe(true);
    expect((await keys.keyFor('grace')).keyId).not.toBe(made[0]!.keyId);
  });

  it('keeps the key wrapped by the master key, never as it is', async () => {
    const { keyId, key } = await keys.keyFor('linus');

    const stored = await connection.db.collection('person_keys').findOne({ _id: keyId as never });

    expect(stored).toMatchObject({ username: 'linus', wrappedKey: expect.any(String) });
    expect(Buffer.from(String(stored!.wrappedKey), 'base64url').includes(key.export())).toBe(false);
  });

  it('finds keys by id and a person’s key id without making one, and after an erasure neither the key nor the name is kept', async () => {
    expect(await keys.keyIdOf('margaret')).toBeUndefined();
    const margaret = await keys.keyFor('margaret');
    expect(await keys.keyIdOf('margaret')).toBe(margaret.keyId);
    const found = await keys.lookup([margaret.keyId, 'no-such-key']);
    expect([...found.keys()]).toEqual([margaret.keyId]);

    expect(await keys.erase('margaret')).toBe(margaret.keyId);
    expect(await keys.keyIdOf('margaret')).toBeUndefined();

    expect((await keys.lookup([margaret.keyId])).size).toBe(0);
    expect(
      await connection.db.collection('person_keys').countDocuments({ username: 'margaret' }),
    ).toBe(0);
    expect(await keys.erase('margaret')).toBeUndefined();
    expect((await keys.keyFor('margaret')).keyId).not.toBe(margaret.keyId);
  });
});
