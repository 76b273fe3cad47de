import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { request } from '../support/http';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import {
  CommandClient,
  emptyCounts,
  type CommandAnswer,
  type Outcome,
} from './support/command-client';
import { ExpectedPost, ExpectedText } from './support/expected-posts';
import { REPORT_DIR, loadRows, writeScenarioReport } from './support/scenario-report';
import {
  LOAD_FROM_ONE_ADDRESS,
  MODE,
  SIZES,
  startSystem,
  type SystemUnderTest,
} from './support/system-under-test';

const SIZE = MODE === 'long' ? 4 : 1;
const DISTINCT_LIKERS = 60 * SIZE;
const DOUBLE_LIKERS = 20 * SIZE;
const EDIT_ROUNDS = 10 * SIZE;
const EDIT_RACERS = 8;
const COMMENTS = 30 * SIZE;

const accepted = (outcome: Outcome): CommandAnswer => {
  if (outcome.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(outcome)}`);
  return outcome.body;
};

/**
 * Many clients on the same posts at once, through two post-cmd processes sharing the event
 * store: what the optimistic version check and the per-post retry must get right.
 */
describe('many clients on the same posts at once', () => {
  let system: SystemUnderTest;
  let secondPostCmd: ServiceProcess;
  const counts = emptyCounts();
  let clients: CommandClient[];
  const posts: ExpectedPost[] = [];
  const results: Record<string, number> = {};
  const started = Date.now();

  /** Alternates between the two post-cmd processes. */
  const client = (n: number): CommandClient => clients[n % clients.length]!;

  const createPost = async (label: string): Promise<ExpectedPost> => {
    const author = `${label}-author`;
    const message = `${label} post`;
    const { postId } = accepted(await client(0).send('POST', '/posts', author, { message }));
    const post = new ExpectedPost(postId, author, message);
    posts.push(post);
    return post;
  };

  beforeAll(async () => {
    system = await startSystem('concurrency');
    secondPostCmd = await startServiceProcess('post-cmd', {
      logFile: join(REPORT_DIR, 'concurrency.post-cmd-2.log'),
      env: LOAD_FROM_ONE_ADDRESS,
    });
    clients = [system.postCmd, secondPostCmd].map(
      (service) => new CommandClient(() => service.api, counts),
    );
  }, 120_000);

  afterAll(async () => {
    await secondPostCmd?.stop();
    await system?.close();
  }, 60_000);

  it('counts every like when distinct users like one post at once', async () => {
    const post = await createPost('likes');
    const usernames = Array.from({ length: DISTINCT_LIKERS }, (_, n) => `liker-${n}`);
    const outcomes = await Promise.all(
      usernames.map((username, n) =>
        client(n).send('POST', `/posts/${post.postId}/likes`, username),
      ),
    );
    usernames.forEach((username) => post.likes.add(username));
    results['distinct users liking at once'] = usernames.length;
    results['  of them counted'] = outcomes.filter((outcome) => outcome.kind === 'accepted').length;
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(usernames.map(() => 'accepted'));
  });

  it('counts a like once when the same user likes twice at once', async () => {
    const post = await createPost('double-likes');
    const usernames = Array.from({ length: DOUBLE_LIKERS }, (_, n) => `twice-${n}`);
    const pairs = await Promise.all(
      usernames.map((username) =>
        Promise.all(
          [0, 1].map((n) => client(n).send('POST', `/posts/${post.postId}/likes`, username)),
        ),
      ),
    );
    usernames.forEach((username) => post.likes.add(username));
    const countedOnce = pairs.filter(
      (pair) =>
        pair.filter((outcome) => outcome.kind === 'accepted').length === 1 &&
        pair.some(
          (outcome) =>
            outcome.kind === 'rejected' &&
            outcome.problemType === 'urn:social-posts:problem:already-liked',
        ),
    ).length;
    results['users liking twice at once'] = usernames.length;
    results['  of them: one 201 and one 409 already-liked'] = countedOnce;
    expect(countedOnce).toBe(usernames.length);
  });

  it('lets exactly one of racing If-Match edits win each version', async () => {
    const post = await createPost('edits');
    let version = 1;
    let roundsWithOneWinner = 0;
    for (let round = 0; round < EDIT_ROUNDS; round++) {
      const messages = Array.from({ length: EDIT_RACERS }, (_, n) => `round ${round} by ${n}`);
      const outcomes = await Promise.all(
        messages.map((message, n) =>
          client(n).send(
            'PATCH',
            `/posts/${post.postId}`,
            post.author,
            { message },
            { 'If-Match': `"${version}"` },
          ),
        ),
      );
      const winners = outcomes.flatMap((outcome, n) =>
        outcome.kind === 'accepted' ? [{ message: messages[n]!, answer: outcome.body }] : [],
      );
      const conflicts = outcomes.filter(
        (outcome) => outcome.kind === 'rejected' && outcome.status === 409,
      );
      if (winners.length === 1 && conflicts.length === EDIT_RACERS - 1) roundsWithOneWinner++;
      for (const winner of winners) {
        post.message.accepted(winner.message);
        version = winner.answer.version;
      }
    }
    results[`versions raced by ${EDIT_RACERS} If-Match edits`] = EDIT_ROUNDS;
    results['  of them: exactly one winner, the rest 409'] = roundsWithOneWinner;
    expect(roundsWithOneWinner).toBe(EDIT_ROUNDS);
  });

  it(
    'ends with the right comments when comments are added and removed at once',
    async () => {
      const post = await createPost('comments');
      const addComments = (from: number) =>
        Promise.all(
          Array.from({ length: COMMENTS }, async (_, n) => {
            const username = `commenter-${from + n}`;
            const text = `comment ${from + n}`;
            const { commentId } = accepted(
              await client(n).send('POST', `/posts/${post.postId}/comments`, username, {
                comment: text,
              }),
            );
            const comment = {
              author: username,
              commentId,
              addedText: text,
              certain: true,
              text: new ExpectedText(text),
              removal: 'no' as const,
            };
            post.comments.push(comment);
            return comment;
          }),
        );
      const first = await addComments(0);
      const removed = first.filter((_, n) => n % 2 === 0);
      await Promise.all([
        addComments(COMMENTS),
        ...removed.map(async ({ commentId, author }, n) => {
          accepted(
            await client(n + 1).send(
              'DELETE',
              `/posts/${post.postId}/comments/${commentId}`,
              author,
            ),
          );
          post.comments.find((comment) => comment.commentId === commentId)!.removal = 'yes';
        }),
      ]);
      results['comments added, then added and removed at once'] = COMMENTS * 2 + removed.length;
      results['  comments that must remain'] = COMMENTS * 2 - removed.length;

      const remaining = post.comments
        .filter((comment) => comment.removal === 'no')
        .map((comment) => comment.commentId)
        .sort();
      await eventually(
        async () => {
          const shown = await request<{ comments: { commentId: string }[] }>(
            `${system.postQuery.api}/posts/${post.postId}`,
          );
          expect(shown.body.comments.map((comment) => comment.commentId).sort()).toEqual(remaining);
        },
        { timeoutMs: SIZES.settleMs },
      );
    },
    SIZES.settleMs + 60_000,
  );

  it(
    'shows every accepted command in the read model exactly once',
    async () => {
      const audit = await system.settle(posts);
      writeScenarioReport('6-concurrency', {
        scenario: 'Many clients on the same posts at once (two post-cmd processes)',
        mode: MODE,
        seconds: Math.round((Date.now() - started) / 1000),
        rows: { ...loadRows(counts, audit), ...results },
        notes: [],
        findings: audit.findings,
      });
      expect(audit.findings).toEqual([]);
      expect(audit.eventsProjected).toBe(audit.eventsStored);
      expect(counts.serverErrors).toBe(0);
      // Longer than the audit's own bound, so that a lagging system gets its report, not a timeout.
    },
    SIZES.settleMs + 60_000,
  );
});
