import { setTimeout as delay } from 'node:timers/promises';
import { MongoClient, type Db } from 'mongodb';
import { DataSource } from 'typeorm';
import type { ErasureDone } from '../../apps/post-cmd/src/users/erase-person/erasure-done.response';
import { consumedAll } from '../support/consumer-lag';
import { eventually } from '../support/eventually';
import { request } from '../support/http';
import { controllableStack, type ControllableStack } from '../support/local-stack';
import { openedEventStoreText, readModelText, uniqueWord } from '../support/raw-scans';
import type { Actor } from '@social-posts/service-runtime';
import { ADMIN } from '../support/tokens';
import { writeScenarioReport } from './support/scenario-report';
import { MODE, SIZES, startSystem, type SystemUnderTest } from './support/system-under-test';

interface StoredEvent {
  eventType: string;
}

/**
 * Erasure (docs/12-privacy.md) under the faults the suite injects, two post-cmd instances: an
 * erasure cut by a crash is finished by its retry, each post records it once, and an erasure
 * that answered is never undone, by Kafka's absence, a republish of every event or a rebuild.
 */
describe('erasure under faults (two post-cmd instances)', () => {
  let servers: ControllableStack;
  let system: SystemUnderTest;
  let mongo: MongoClient;
  let store: Db;
  let readModel: DataSource;
  const scenarioTimeout = 300_000;

  beforeAll(async () => {
    servers = await controllableStack();
    system = await startSystem('erasure-faults', { postCmds: 2 });
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    store = mongo.db(system.environment.variables.MONGO_DATABASE);
    readModel = new DataSource({
      type: 'postgres',
      url: system.environment.variables.DATABASE_URL,
    });
    await readModel.initialize();
  }, 600_000);

  afterAll(async () => {
    await readModel?.destroy();
    await mongo?.close();
    await system?.close();
    await servers?.release();
  }, 60_000);

  const cmd = () => system.postCmdApi();
  let serverErrors = 0;
  const send = async <T = { postId: string; commentId?: string }>(
    method: string,
    path: string,
    as: string | Actor,
    body?: unknown,
  ) => {
    const response = await request<T>(`${cmd()}${path}`, { method, as, body });
    if (response.status >= 500) serverErrors++;
    expect(response.status).toBeLessThan(300);
    return response.body;
  };

  /**
   * A person who wrote posts and commented on and liked many of others', with words only the
   * test knows; resolves to those words (her name first) and the posts she acted on.
   */
  const personWithAHistory = async (label: string) => {
    const name = uniqueWord(label);
    const words = [name, uniqueWord('message'), uniqueWord('comment')];
    const posts: string[] = [];
    for (let n = 0; n < SIZES.posts; n++) {
      posts.push((await send('POST', '/posts', name, { message: `${words[1]} ${n}` })).postId);
      const other = (await send('POST', '/posts', 'writer', { message: `Other ${n}` })).postId;
      posts.push(other);
    }
    await Promise.all(
      posts.flatMap((postId, n) =>
        n % 2 === 0
          ? []
          : [
              send('POST', `/posts/${postId}/likes`, name),
              send('POST', `/posts/${postId}/comments`, name, { comment: `${words[2]} ${n}` }),
            ],
      ),
    );
    return { name, words, posts };
  };

  const erase = (name: string, on: string) =>
    request<ErasureDone>(`${on}/users/me`, { method: 'DELETE', as: name });

  const historyOf = async (postId: string): Promise<StoredEvent[]> =>
    (await request<StoredEvent[]>(`${cmd()}/posts/${postId}/events`, { as: ADMIN })).body;

  /** How many PersonErased each post holds, read from the store. */
  const erasuresOn = (posts: readonly string[]) =>
    Promise.all(
      posts.map((postId) =>
        store
          .collection('events')
          .countDocuments({ aggregateId: postId, eventType: 'PersonErased' }),
      ),
    );

  /** Where any of `words` can still be read: the read model's tables, the store opened with the master key. */
  const stillReadable = async (words: readonly string[]) => {
    const places = {
      'read model': await readModelText(readModel),
      'event store (opened)': await openedEventStoreText(store),
    };
    return Object.entries(places)
      .filter(([, text]) => words.some((word) => text.includes(word)))
      .map(([place]) => place);
  };

  const projectedToTheEnd = () => consumedAll(system.environment.variables);

  it(
    'the instance erasing killed (SIGKILL) half-way, the erasure retried on the other; then every event republished',
    async () => {
      const started = Date.now();
      serverErrors = 0;
      const { name, words, posts } = await personWithAHistory('killed');
      await projectedToTheEnd();
      expect(await stillReadable(words)).toEqual(['read model', 'event store (opened)']);

      const victim = system.postCmds[0]!;
      const cut = erase(name, victim.api).catch(() => undefined);
      // Long enough for some of her posts to get their PersonErased, not for all of them.
      await delay(40);
      await victim.kill();
      await cut;
      const erasedAtKill = (await erasuresOn(posts)).filter((count) => count > 0).length;
      const retried = await erase(name, system.postCmds[1]!.api);
      if (retried.status >= 500) serverErrors++;
      expect(retried.status).toBe(200);
      await victim.restart();

      await projectedToTheEnd();
      const readableAfterErasure = await stillReadable(words);
      await send('POST', '/admin/republish', ADMIN);
      const republish = async () =>
        (await request<{ republishing: boolean }>(`${cmd()}/admin/republish`, { as: ADMIN })).body;
      await eventually(async () => expect((await republish()).republishing).toBe(false), {
        timeoutMs: 120_000,
        intervalMs: 250,
      });
      await projectedToTheEnd();
      const readableAfterRepublish = await stillReadable(words);
      const erasures = await erasuresOn(posts);
      const rows = {
        'posts she acted on': posts.length,
        'posts with their PersonErased at the kill': erasedAtKill,
        'posts with their PersonErased in the end': erasures.filter((count) => count === 1).length,
        'posts with it more than once': erasures.filter((count) => count > 1).length,
        'her key documents left': await store
          .collection('person_keys')
          .countDocuments({ username: name }),
        'places her words were readable after the erasure': readableAfterErasure.length,
        'places her words were readable after a republish': readableAfterRepublish.length,
        '5xx answered': serverErrors,
      };
      writeScenarioReport('10-erasure-instance-killed', {
        scenario: 'post-cmd killed (SIGKILL) half-way through an erasure, retried on the other',
        mode: MODE,
        seconds: Math.round((Date.now() - started) / 1000),
        rows,
        notes: [
          `a person who acted on ${posts.length} posts; instance 1 of 2 killed 40 ms into ` +
            'DELETE /users/me; the same request sent to instance 2; then POST /admin/republish',
        ],
        findings: [...readableAfterErasure, ...readableAfterRepublish].map(
          (place) => `her words readable in the ${place}`,
        ),
      });
      expect(rows).toMatchObject({
        'posts with their PersonErased in the end': posts.length,
        'posts with it more than once': 0,
        'her key documents left': 0,
        'places her words were readable after the erasure': 0,
        'places her words were readable after a republish': 0,
        '5xx answered': 0,
      });
      expect((await historyOf(posts[1]!)).some((e) => e.eventType === 'PersonErased')).toBe(true);
    },
    scenarioTimeout,
  );

  it(
    'Kafka stopped while a person is erased, and started again',
    async () => {
      const started = Date.now();
      serverErrors = 0;
      const { name, words, posts } = await personWithAHistory('kafka');
      await projectedToTheEnd();

      await servers.stop('kafka');
      // The erasure needs the store alone: it answers while Kafka is away.
      const answered = await erase(name, cmd());
      if (answered.status >= 500) serverErrors++;
      await delay(SIZES.downMs);
      const readableWhileDown = await stillReadable(words);
      await servers.start('kafka');
      await eventually(async () => expect(await stillReadable(words)).toEqual([]), {
        timeoutMs: 120_000,
        intervalMs: 500,
      });
      const rows = {
        'posts she acted on': posts.length,
        'erasure answered while Kafka was down': Number(answered.status === 200),
        'posts with their PersonErased': (await erasuresOn(posts)).filter((count) => count === 1)
          .length,
        'places her words were readable while Kafka was down': readableWhileDown.length,
        'places her words are readable once Kafka was back': (await stillReadable(words)).length,
        '5xx answered': serverErrors,
      };
      writeScenarioReport('11-erasure-kafka-stopped', {
        scenario: 'Kafka stopped while a person is erased, then started',
        mode: MODE,
        seconds: Math.round((Date.now() - started) / 1000),
        rows,
        notes: [
          `a person who acted on ${posts.length} posts erased with Kafka stopped ` +
            `(stack.sh stop kafka), started ${SIZES.downMs / 1000} s later; the store forgets ` +
            'her at once, post-query once it reads the erasure',
        ],
        findings: [],
      });
      expect(rows).toMatchObject({
        'erasure answered while Kafka was down': 1,
        'posts with their PersonErased': posts.length,
        // The read model still holds her words until it hears of the erasure; the store does not.
        'places her words were readable while Kafka was down': 1,
        'places her words are readable once Kafka was back': 0,
        '5xx answered': 0,
      });
    },
    scenarioTimeout,
  );
});
