import { Injectable } from '@nestjs/common';
import { VersionConflict, type CommandMetadata } from '@social-posts/event-sourcing';
import type { PostEvent } from '@social-posts/post-events';
import type { PostState } from './post';
import { PostRepository } from './post.repository';

/** What every accepted command answers: the post and its new version (also the ETag). */
export interface CommandAccepted {
  readonly postId: string;
  readonly version: number;
}

/**
 * Without If-Match, a command that loses a race is decided again on a fresh load: "like" from
 * many people at once must all succeed, and rules are re-checked against the newer state.
 */
const MAX_ATTEMPTS = 10;

/** Load → decide → append, the same for every post command. */
@Injectable()
export class PostCommandRunner {
  constructor(private readonly posts: PostRepository) {}

  async run(
    postId: string,
    metadata: CommandMetadata,
    decide: (state: PostState) => PostEvent,
    expectedVersion?: number,
  ): Promise<CommandAccepted> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.posts.load(postId);
      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw new VersionConflict(postId, expectedVersion, version);
      }
      const event = decide(state);
      try {
        return { postId, version: await this.posts.append(postId, version, event, metadata) };
      } catch (error) {
        const retry =
          error instanceof VersionConflict &&
          expectedVersion === undefined &&
          attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }
}
