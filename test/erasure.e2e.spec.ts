import { MongoClient, type Db } from 'mongodb';
import { DataSource } from 'typeorm';
import type { ErasureDone } from '../apps/post-cmd/src/users/erase-person/erasure-done.response';
import { eventually } from './support/eventually';
import { expectProblem, request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { openedEventStoreText, readModelText, uniqueWord } from './support/raw-scans';
import { readTopic } from './support/topic-reader';
import { startPostCmd, startPostQuery, type RunningService } from './support/services';
import type { Actor } from '@social-posts/service-runtime';
import { ADMIN } from './support/tokens';

interface StoredEvent {
  eventType: string;
  data: Record<string, unknown>;
}

interface PostDetails {
  likes: number;
  commentCount: number;
  comments: { username: string; comment: string }[];
}

/**
 * Erasure through the real servers (docs/12-privacy.md): after `DELETE /users/me`, nothing the
 * person wrote and nothing naming them is readable through any route of either service, in the
 * read model's tables, in the event store's documents (raw, or opened with the master key), on
 * the topic read from its beginning, or in a rebuild of the read model from the store; others'
 * posts go on working.
 */
describe('erasure: a person forgotten by both services (crypto-shredding)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let postQuery: RunningService;
  let mongo: MongoClient;
  let store: Db;
  let readModel: DataSource;

  const ada = uniqueWord('ada');
  const grace = uniqueWord('grace');
  const words = {
    message: uniqueWord('message'),
    tag: uniqueWord('tag'),
    comment: uniqueWord('comment'),
    edited: uniqueWord('edited'),
  };
  const everythingOfAda = [ada, ...Object.values(words)];
  let hers: string;
  let graces: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('erasure');
    environment.apply();
    postCmd = await startPostCmd();
    process.env.POST_CMD_URL = postCmd.api.replace(/\/api\/v1$/, '');
    process.env.PROJECTION_REBUILD_CHECK_MS = '200';
    postQuery = await startPostQuery();
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    store = mongo.db(environment.variables.MONGO_DATABASE);
    readModel = new DataSource({ type: 'postgres', url: environment.variables.DATABASE_URL });
    await readModel.initialize();
  }, 120_000);

  afterAll(async () => {
    await readModel?.destroy();
    await mongo?.close();
    await postQuery?.close();
    await postCmd?.close();
    await environment?.cleanup();
    delete process.env.POST_CMD_URL;
    delete process.env.PROJECTION_REBUILD_CHECK_MS;
  });

  const command = async <T = { postId: string; commentId?: string }>(
    method: string,
    path: string,
    as: string | Actor,
    body?: unknown,
  ) => {
    const response = await request<T>(`${postCmd.api}${path}`, { method, as, body });
    expect(response.status).toBeLessThan(300);
    return response.body;
  };

  const details = (postId: string) =>
    request<PostDetails>(`${postQuery.api}/posts/${postId}`, { as: ADMIN });

  const historyOf = (postId: string, as?: string | Actor) =>
    request<StoredEvent[]>(`${postCmd.api}/posts/${postId}/events`, { as });

  it('given a person who wrote, commented, edited and liked, on her post and on another’s', async () => {
    ({ postId: hers } = await command('POST', '/posts', ada, {
      message: `${words.message} #${words.tag}`,
    }));
    ({ postId: graces } = await command('POST', '/posts', grace, { message: 'Hello from grace' }));
    const { commentId } = await command('POST', `/posts/${graces}/comments`, ada, {
      comment: words.comment,
    });
    await command('PATCH', `/posts/${graces}/comments/${commentId}`, ada, {
      comment: words.edited,
    });
    await command('POST', `/posts/${graces}/likes`, ada);
    await command('POST', `/posts/${hers}/likes`, grace);
    await command('POST', `/posts/${hers}/comments`, grace, { comment: 'Nice' });

    // Everything of hers is readable before: the checks below can fail.
    await eventually(async () =>
      expect((await details(graces)).body).toMatchObject({
        likes: 1,
        comments: [{ username: ada, comment: words.edited }],
      }),
    );
    await eventually(async () => expect((await details(hers)).status).toBe(200));
    const before = `${await readModelText(readModel)}\n${await openedEventStoreText(store)}`;
    for (const word of everythingOfAda) expect(before).toContain(word);
    const history = JSON.stringify((await historyOf(graces, ADMIN)).body);
    expect(history).toContain(words.comment);
    expect(history).not.toContain('"person"');
  });

  it('erases her on DELETE /users/me: a PersonErased on each post she acted on, then her key', async () => {
    const response = await request<ErasureDone>(`${postCmd.api}/users/me`, {
      method: 'DELETE',
      as: ada,
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ username: ada, posts: 2, erased: true });
    expect(await store.collection('person_keys').countDocuments({ username: ada })).toBe(0);
  });

  it('leaves post-cmd nothing of her: her post is gone, others’ history holds her fields as null, her export is empty', async () => {
    expect((await request(`${postCmd.api}/posts/${hers}/state`, { as: ADMIN })).status).toBe(404);
    expect((await historyOf(hers, ADMIN)).status).toBe(404);

    const history = await historyOf(graces, ADMIN);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain(ada);
    const byType = (type: string) => history.body.filter((event) => event.eventType === type);
    expect(byType('CommentAdded')[0]!.data).toMatchObject({ username: null, comment: null });
    expect(byType('CommentEdited')[0]!.data).toMatchObject({ comment: null });
    expect(byType('PostLiked')[0]!.data).toMatchObject({ username: null });
    expect(byType('PersonErased')).toHaveLength(1);

    const exported = await request<Record<string, unknown[]>>(`${postCmd.api}/users/me/export`, {
      as: ada,
    });
    expect(exported.body).toMatchObject({ posts: [], comments: [], likes: [] });

    const opened = await openedEventStoreText(store);
    for (const word of everythingOfAda) expect(opened).not.toContain(word);
  });

  it('leaves nothing readable of her on the topic: a raw consumer reading it from the beginning finds ciphertext', async () => {
    const reader = await readTopic(environment.variables.KAFKA_TOPIC!);
    try {
      await eventually(() => {
        const erasures = reader.messages.filter((message) =>
          message.value?.toString().includes('"PersonErased"'),
        );
        expect(erasures).toHaveLength(2);
      });
      const topic = reader.messages.map((message) => message.value?.toString()).join('\n');
      for (const word of everythingOfAda) expect(topic).not.toContain(word);
      expect(topic).toContain('"personalData":"sealed"');
    } finally {
      await reader.stop();
    }
  });

  it('leaves post-query nothing of her, once it has read the erasure: her post gone, her comment removed, her like counted but naming nobody', async () => {
    await eventually(async () => {
      const tables = await readModelText(readModel);
      for (const word of everythingOfAda) expect(tables).not.toContain(word);
    });
    expect((await details(hers)).status).toBe(404);
    expect((await details(graces)).body).toMatchObject({ likes: 1, commentCount: 0, comments: [] });
    const listed = await request<{ items: { postId: string }[] }>(
      `${postQuery.api}/posts?author=${ada}`,
    );
    expect(listed.body.items).toEqual([]);
    const tagged = await request<{ items: unknown[] }>(`${postQuery.api}/posts?tag=${words.tag}`);
    expect(tagged.body.items).toEqual([]);
    expect(await readModelText(readModel)).toContain('Hello from grace');
  });

  it('brings nothing back in a rebuild of the read model from the event store', async () => {
    for (const projection of ['post-details', 'post-tags']) {
      const answer = await request(`${postQuery.api}/admin/projections/${projection}/rebuild`, {
        method: 'POST',
        as: ADMIN,
      });
      expect(answer.status).toBe(202);
    }
    await eventually(
      async () => {
        const { items } = (
          await request<{ items: { name: string; live: { build: number } }[] }>(
            `${postQuery.api}/admin/projections`,
            { as: ADMIN },
          )
        ).body;
        for (const name of ['post-details', 'post-tags']) {
          expect(items.find((each) => each.name === name)!.live.build).toBeGreaterThan(1);
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    expect((await details(hers)).status).toBe(404);
    expect((await details(graces)).body).toMatchObject({ likes: 1, comments: [] });
    const tables = await readModelText(readModel);
    for (const word of everythingOfAda) expect(tables).not.toContain(word);
  });

  it('is idempotent: a second erasure finds nothing, and her user name acting again is someone new', async () => {
    const again = await request<ErasureDone>(`${postCmd.api}/users/me`, {
      method: 'DELETE',
      as: ada,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ username: ada, posts: 0, erased: false });

    const { postId } = await command('POST', '/posts', ada, { message: 'A new start' });
    await eventually(async () => expect((await details(postId)).status).toBe(200));
    expect((await details(hers)).status).toBe(404);
  });

  it('lets an admin erase anyone, and nobody else', async () => {
    const path = `${postCmd.api}/admin/users/${grace}`;
    expect((await request(path, { method: 'DELETE', as: ada })).status).toBe(403);
    const tooLong = await request(`${postCmd.api}/admin/users/${'x'.repeat(65)}`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expectProblem(tooLong, 400);
    expect(JSON.stringify(tooLong.body)).toContain('username');

    const erased = await request<ErasureDone>(path, { method: 'DELETE', as: ADMIN });
    expect(erased.body).toEqual({ username: grace, posts: 2, erased: true });
    await eventually(async () => expect((await details(graces)).status).toBe(404));
  });
});
