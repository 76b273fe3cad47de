import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type CommandMetadata, type EventStore } from '@social-posts/event-sourcing';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import { PersonKeys } from '../../personal-data/person-keys';
import { PostCommandRunner } from '../../posts/application/post-command-runner';
import { PersonAlreadyErased } from '../../posts/domain/post.errors';
import { ErasePersonCommand } from './erase-person.command';
import { decideErasePersonFromPost } from './erase-person.decide';
import type { ErasureDone } from './erasure-done.response';
import { touchedPosts } from './touched-posts';

/** Posts given their PersonErased at once: a person who acted on thousands waits seconds. */
const POSTS_AT_ONCE = 8;

/**
 * Crypto-shredding (docs/12-privacy.md): a PersonErased on every post the person acted on, then
 * their key deleted. In that order, so that a crash between the two is finished by the retry
 * (the key still names their posts; the claim `erased:<keyId>` makes each PersonErased once),
 * and an erasure that answered is never undone: with the key gone, every copy of their sealed
 * words (events, snapshots, backups) is unreadable, and nothing can make it readable again.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<StoredPostEventEnvelope>,
    private readonly keys: PersonKeys,
    private readonly runner: PostCommandRunner,
  ) {}

  async execute({ username, metadata }: ErasePersonCommand): Promise<ErasureDone> {
    const person = await this.keys.keyIdOf(username);
    if (person === undefined) return { username, posts: 0, erased: false };
    const posts = [...touchedPosts(await this.store.readByPerson(person))];
    for (let next = 0; next < posts.length; next += POSTS_AT_ONCE) {
      await Promise.all(
        posts
          .slice(next, next + POSTS_AT_ONCE)
          .map(([postId, erasesAuthor]) =>
            this.eraseFrom(postId, { person, erasesAuthor }, metadata),
          ),
      );
    }
    await this.keys.erase(username);
    return { username, posts: posts.length, erased: true };
  }

  /** One post's PersonErased; already there (a retried erasure) is as good as appended. */
  private async eraseFrom(
    postId: string,
    { person, erasesAuthor }: { person: string; erasesAuthor: boolean },
    { commandId, correlationId, receivedAt, traceparent }: CommandMetadata,
  ): Promise<void> {
    // Acted by nobody (the event names no one), and not under the request's Idempotency-Key,
    // which is one key for many posts: an erasure is idempotent by its claims.
    const metadata = { commandId, correlationId, receivedAt, ...(traceparent && { traceparent }) };
    try {
      await this.runner.run(postId, metadata, (state) =>
        decideErasePersonFromPost({ postId, person, erasesAuthor, at: receivedAt }, state),
      );
    } catch (error) {
      if (!(error instanceof PersonAlreadyErased)) throw error;
    }
  }
}
