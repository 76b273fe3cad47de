import { setTimeout as delay } from 'node:timers/promises';
import { CommandClient, record, type Outcome } from './command-client';
import { ExpectedPost, ExpectedText, type ExpectedComment } from './expected-posts';

const BACKOFF_MS = 100;

/**
 * Clients sending a steady stream of valid commands, each post driven by one worker in turn
 * (so that the expected state of a post is well defined), and recording every answer.
 * Each command carries a unique token, so its effect can be found, and counted, later.
 */
export class CommandLoad {
  readonly posts: ExpectedPost[] = [];
  /** 4xx to commands that were valid when sent: the load only sends valid ones. */
  readonly unexpectedRejections: string[] = [];
  readonly client: CommandClient;
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    api: () => string,
    private readonly label: string,
  ) {
    this.client = new CommandClient(api);
  }

  get counts() {
    return this.client.counts;
  }

  /** Creates the posts the load works on, retrying until each is accepted. */
  async createPosts(count: number): Promise<void> {
    for (let n = 0; n < count; n++) {
      // An author per post, and a commenter per comment: the per-user rate limits stay at their
      // defaults, and no user of the load sends more than a post's share of its commands,
      // however fast the system serves them.
      const author = `${this.label}-author-${n}`;
      for (let attempt = 0; ; attempt++) {
        const message = `${this.label} post ${n}.${attempt}`;
        const outcome = await this.send('POST', '/posts', author, { message });
        if (outcome.kind === 'accepted') {
          this.posts.push(new ExpectedPost(outcome.body.postId, author, message));
          break;
        }
        if (attempt > 100) throw new Error(`cannot create a post: ${JSON.stringify(outcome)}`);
        await delay(BACKOFF_MS);
      }
    }
  }

  /** Starts one worker per post; they run until `stop`. */
  start(): void {
    this.running = true;
    this.workers = this.posts.map((post, index) => this.drive(post, index));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  /** Runs the load for `ms`, doing `during` (the fault) meanwhile. */
  async runFor(ms: number, during: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    this.start();
    try {
      await Promise.all([delay(ms), during()]);
    } finally {
      await this.stop();
    }
  }

  private async drive(post: ExpectedPost, index: number): Promise<void> {
    for (let step = 0; this.running; step++) {
      const token = `${this.label}-${index}-${step}`;
      const outcome = await this.nextCommand(post, step, token);
      if (outcome.kind !== 'accepted') await delay(BACKOFF_MS);
    }
  }

  /** Likes by new users most of the time, with comments, edits and removals between them. */
  private async nextCommand(post: ExpectedPost, step: number, token: string): Promise<Outcome> {
    const path = `/posts/${post.postId}`;
    const comment = post.editableComment(step);
    switch (step % 8) {
      case 1:
      case 6:
        return this.addComment(post, token);
      case 3: {
        const message = `message ${token}`;
        const outcome = await this.send('PATCH', path, post.author, { message });
        record(
          outcome,
          () => post.message.accepted(message),
          () => post.message.maybe(message),
        );
        return outcome;
      }
      case 5:
        if (comment) return this.editComment(post, comment, token);
        break;
      case 7:
        if (comment) return this.removeComment(post, comment);
        break;
    }
    const username = `fan-${token}`;
    const outcome = await this.send('POST', `${path}/likes`, username);
    record(
      outcome,
      () => post.likes.add(username),
      () => post.maybeLikes.add(username),
    );
    return outcome;
  }

  private async addComment(post: ExpectedPost, token: string): Promise<Outcome> {
    const text = `comment ${token}`;
    const author = `commenter-${token}`;
    const outcome = await this.send('POST', `/posts/${post.postId}/comments`, author, {
      comment: text,
    });
    const add = (certain: boolean, commentId?: string) =>
      post.comments.push({
        author,
        commentId,
        addedText: text,
        certain,
        text: new ExpectedText(text),
        removal: 'no',
      });
    record(
      outcome,
      () => add(true, outcome.kind === 'accepted' ? outcome.body.commentId : undefined),
      () => add(false),
    );
    return outcome;
  }

  private async editComment(
    post: ExpectedPost,
    comment: ExpectedComment,
    token: string,
  ): Promise<Outcome> {
    const text = `edited ${token}`;
    const outcome = await this.send(
      'PATCH',
      `/posts/${post.postId}/comments/${comment.commentId}`,
      comment.author,
      { comment: text },
    );
    record(
      outcome,
      () => comment.text.accepted(text),
      () => comment.text.maybe(text),
    );
    return outcome;
  }

  private async removeComment(post: ExpectedPost, comment: ExpectedComment): Promise<Outcome> {
    const outcome = await this.send(
      'DELETE',
      `/posts/${post.postId}/comments/${comment.commentId}`,
      comment.author,
    );
    record(
      outcome,
      () => (comment.removal = 'yes'),
      () => (comment.removal = 'maybe'),
    );
    return outcome;
  }

  private async send(
    method: string,
    path: string,
    username: string,
    body?: unknown,
  ): Promise<Outcome> {
    const outcome = await this.client.send(method, path, username, body);
    if (outcome.kind === 'rejected' && outcome.status < 500) {
      this.unexpectedRejections.push(
        `${method} ${path} → ${outcome.status} ${outcome.problemType}`,
      );
    }
    return outcome;
  }
}
