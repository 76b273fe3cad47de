import { MongoClient } from 'mongodb';
import { openEventStream } from './support/event-stream';
import { eventually } from './support/eventually';
import { expectProblem, request } from './support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from './support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { startPostQuery, type RunningService } from './support/services';
import { ADMIN } from './support/tokens';

/** A review of this long: short enough to see deadlines pass, long enough to beat one. */
const REVIEW_SECONDS = 8;

interface OpenCase {
  caseId: string;
  postId: string;
  reports: number;
  reasons: string[];
  openedAt: string;
  deadline: string;
}

interface StoredEvent {
  version: number;
  eventType: string;
  data: Record<string, unknown>;
}

/**
 * Moderation through the real servers (docs/13-moderation.md): reports hide a post from
 * post-query's public reads, a case opens with a deadline, and an admin's decision or the
 * deadline ends it, once, with two post-cmd instances sharing the process.
 */
describe('moderation: reports, a hidden post, a review with a deadline (two post-cmd instances)', () => {
  let environment: IsolatedEnvironment;
  let cmd: ServiceProcess[];
  let postQuery: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('moderation');
    environment.apply();
    const env = {
      MODERATION_REVIEW_HOURS: String(REVIEW_SECONDS / 3_600),
      MODERATION_TIMER_CHECK_MS: '200',
      MODERATION_TIMER_LEASE_MS: '2000',
    };
    cmd = await Promise.all([
      startServiceProcess('post-cmd', { env }),
      startServiceProcess('post-cmd', { env }),
    ]);
    postQuery = await startPostQuery();
  }, 120_000);

  afterAll(async () => {
    await postQuery?.close();
    await Promise.all((cmd ?? []).map((instance) => instance.stop()));
    await environment?.cleanup();
  });

  /** Commands alternate between the instances: they share one store and one process. */
  let turn = 0;
  const on = () => cmd[turn++ % 2]!.api;

  const createPost = async (author: string, message: string): Promise<string> => {
    const response = await request<{ postId: string }>(`${on()}/posts`, {
      method: 'POST',
      as: author,
      body: { message },
    });
    expect(response.status).toBe(201);
    return response.body.postId;
  };

  const report = async (postId: string, as: string, reason = 'spam') =>
    request(`${on()}/posts/${postId}/reports`, { method: 'POST', as, body: { reason } });

  const reportedByThree = async (postId: string) => {
    for (const [user, reason] of [
      ['grace', 'spam'],
      ['linus', 'harassment'],
      ['ken', 'spam'],
    ] as const) {
      expect((await report(postId, user, reason)).status).toBe(201);
    }
  };

  const openCases = async () => {
    const response = await request<{ items: OpenCase[] }>(`${on()}/admin/moderation/cases`, {
      as: ADMIN,
    });
    expect(response.status).toBe(200);
    return response.body.items;
  };

  const caseOf = (postId: string) =>
    eventually(async () => {
      const found = (await openCases()).find((each) => each.postId === postId);
      expect(found).toBeDefined();
      return found!;
    });

  const readPost = (postId: string, as?: string) =>
    request<{ message: string; hidden?: { reasons: string[]; reviewBy: string } }>(
      `${postQuery.api}/posts/${postId}`,
      { as },
    );

  const listed = async (as?: string) =>
    (
      await request<{ items: { postId: string }[] }>(`${postQuery.api}/posts?limit=100`, { as })
    ).body.items.map((post) => post.postId);

  const historyOf = async (postId: string) =>
    (await request<StoredEvent[]>(`${on()}/posts/${postId}/events`, { as: ADMIN })).body;

  it('hides a post reported by three users: gone from public reads, shown to its author with why', async () => {
    const postId = await createPost('ada', 'Reported thrice');
    // Shown first: a 404 before post-query had the post at all would prove nothing below.
    await eventually(async () => expect((await readPost(postId)).status).toBe(200));
    const feed = await openEventStream(`${postQuery.api}/live/posts?postId=${postId}`);
    await reportedByThree(postId);

    const opened = await caseOf(postId);
    expect(opened).toMatchObject({ postId, reports: 3, reasons: ['spam', 'harassment'] });
    expect(Date.parse(opened.deadline) - Date.parse(opened.openedAt)).toBe(REVIEW_SECONDS * 1000);

    const byAuthor = await eventually(async () => {
      const read = await readPost(postId, 'ada');
      expect(read.body.hidden).toBeDefined();
      return read;
    });
    expect((await readPost(postId)).status).toBe(404);
    expect(await listed()).not.toContain(postId);
    expect((await readPost(postId, 'grace')).status).toBe(404);
    expect(byAuthor.status).toBe(200);
    expect(byAuthor.body.hidden).toEqual({
      hiddenAt: expect.any(String),
      reasons: ['spam', 'harassment'],
      reviewBy: opened.deadline,
    });
    expect(await listed('ada')).toContain(postId);
    expect((await readPost(postId, ADMIN.username)).status).toBe(404);
    expect((await request(`${postQuery.api}/posts/${postId}`, { as: ADMIN })).status).toBe(200);

    // The live feed is public: it tells that the post is hidden, not what it says.
    const hiding = await eventually(() => {
      const found = feed.events.find(
        (event) => (event.data as { eventType?: string } | undefined)?.eventType === 'PostHidden',
      );
      expect(found).toBeDefined();
      return found!;
    });
    feed.close();
    expect(hiding.data).toMatchObject({
      eventType: 'PostHidden',
      post: { postId, hidden: true, message: null, removed: false },
    });

    // Its history too is its author's and admins' while it is hidden.
    const history = (as: string) => request(`${on()}/posts/${postId}/events`, { as });
    expectProblem(await history('grace'), 403, 'hidden-post-history-is-private');
    expect((await history('ada')).status).toBe(200);

    const decided = await request(`${on()}/admin/moderation/cases/${opened.caseId}/decision`, {
      method: 'POST',
      as: ADMIN,
      body: { decision: 'keep' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toEqual({
      caseId: opened.caseId,
      postId,
      decision: 'keep',
      version: 6,
    });
    await eventually(async () => expect((await readPost(postId)).status).toBe(200));
    expect((await readPost(postId, 'ada')).body.hidden).toBeUndefined();
    expect((await openCases()).map((each) => each.caseId)).not.toContain(opened.caseId);
  });

  it('decides a case once: a second decision, and the deadline after it, change nothing', async () => {
    const postId = await createPost('ada', 'Decided once');
    await reportedByThree(postId);
    const { caseId } = await caseOf(postId);

    const decide = (decision: string) =>
      request(`${on()}/admin/moderation/cases/${caseId}/decision`, {
        method: 'POST',
        as: ADMIN,
        body: { decision },
      });
    expect((await decide('remove')).status).toBe(200);
    expectProblem(await decide('keep'), 409, 'case-not-open');

    await new Promise((resolve) => setTimeout(resolve, REVIEW_SECONDS * 1000 + 1000));
    const history = await historyOf(postId);
    expect(history.map((event) => event.eventType)).toEqual([
      'PostCreated',
      'PostReported',
      'PostReported',
      'PostReported',
      'PostHidden',
      'PostTakenDown',
    ]);
    expect(history[5]!.data).toMatchObject({ caseId, decidedBy: 'moderator' });
    expect((await readPost(postId, 'ada')).status).toBe(404);
  }, 30_000);

  it('applies the default (keep) once when the deadline passes with no decision', async () => {
    const postId = await createPost('ada', 'Nobody decided');
    await reportedByThree(postId);
    const { caseId, deadline } = await caseOf(postId);
    // Hidden first: read before post-query has the hide, the post would still answer 200.
    await eventually(async () => expect((await readPost(postId)).status).toBe(404));

    await eventually(
      async () => {
        expect((await readPost(postId)).status).toBe(200);
      },
      { timeoutMs: REVIEW_SECONDS * 1000 + 10_000, intervalMs: 200 },
    );
    const shown = (await historyOf(postId)).filter((event) => event.eventType === 'PostShown');
    expect(shown).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ caseId, decidedBy: 'deadline' }) }),
    ]);
    expect(Date.parse(shown[0]!.data.shownAt as string)).toBeGreaterThanOrEqual(
      Date.parse(deadline),
    );
    expect((await openCases()).map((each) => each.caseId)).not.toContain(caseId);
  }, 30_000);

  it('counts reports once per user, not on one’s own post, and opens no second case while one is open', async () => {
    const postId = await createPost('ada', 'Reported by many');
    expectProblem(await report(postId, 'ada'), 403, 'own-post-reported');
    await reportedByThree(postId);
    expectProblem(await report(postId, 'grace'), 409, 'already-reported');
    expect((await report(postId, 'barbara', 'violence')).status).toBe(201);
    await caseOf(postId);
    const mongo = await MongoClient.connect(process.env.MONGO_URL!);
    try {
      const cases = await mongo
        .db(environment.variables.MONGO_DATABASE)
        .collection('moderation_cases')
        .find({ postId })
        .toArray();
      expect(cases).toHaveLength(1);
    } finally {
      await mongo.close();
    }
  });

  it('answers an unknown case with 404, a bad decision with 400 naming the field, a user with 403', async () => {
    const unknown = '00000000-0000-8000-8000-000000000000';
    const url = `${on()}/admin/moderation/cases/${unknown}/decision`;
    expectProblem(
      await request(url, { method: 'POST', as: ADMIN, body: { decision: 'keep' } }),
      404,
      'case-not-found',
    );
    const bad = await request<{ errors: { field: string }[] }>(url, {
      method: 'POST',
      as: ADMIN,
      body: { decision: 'ban' },
    });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((error) => error.field)).toEqual(['decision']);
    expect(
      (await request(url, { method: 'POST', as: 'grace', body: { decision: 'keep' } })).status,
    ).toBe(403);
    expect((await request(`${on()}/admin/moderation/cases`, { as: 'grace' })).status).toBe(403);
    expectProblem(
      await request(`${on()}/admin/moderation/cases/not-a-uuid/decision`, {
        method: 'POST',
        as: ADMIN,
        body: { decision: 'keep' },
      }),
      400,
    );
  });
});
