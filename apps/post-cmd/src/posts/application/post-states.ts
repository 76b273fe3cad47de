import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PostEvent } from '@social-posts/post-events';
import { METRICS_REGISTRY } from '@social-posts/service-runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PostCmdEnvironment } from '../../config/post-cmd.environment';
import { evolveComment, type CommentState } from '../domain/comment';
import { initialPostState } from '../domain/post';
import { PostRepository, type LoadedPost } from './post.repository';
import { MAX_COMMENTS_PER_POST, PostStateCache } from './post-state-cache';

/** What a command is decided on: the post, the comments known with it, and where it came from. */
export interface DecisionBasis {
  readonly post: LoadedPost;
  readonly comments: ReadonlyMap<string, CommentState>;
  /**
   * Not read from the store for this command (this process's memory, or a post id just made):
   * the store may hold more. An append decided on it is still checked by the store's version
   * index; a rejection decided on it is confirmed on a fresh load.
   */
  readonly unconfirmed: boolean;
}

const NEW_POST: LoadedPost = { state: initialPostState, version: 0, snapshotVersion: 0 };

/**
 * Where a command's post state comes from: the state cache when this process wrote the post
 * last (no store read), the store otherwise (its snapshot and the events after it). After an
 * append, the post's new state goes into the cache; after any failure, it leaves it.
 */
@Injectable()
export class PostStates {
  private readonly cache: PostStateCache;
  private readonly lookups: Counter<'result'>;

  constructor(
    private readonly posts: PostRepository,
    config: ConfigService<PostCmdEnvironment, true>,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.cache = new PostStateCache({
      maxEntries: config.get('POST_STATE_CACHE_ENTRIES', { infer: true }),
      maxBytes: config.get('POST_STATE_CACHE_MB', { infer: true }) * 1024 * 1024,
    });
    this.lookups = new Counter({
      name: 'post_state_cache_lookups_total',
      help: 'Post states a command looked up in the cache: hit (no store read) or miss.',
      labelNames: ['result'],
      registers: [registry],
    });
    const cache = this.cache;
    new Gauge({
      name: 'post_state_cache_entries',
      help: 'Post states held in the cache.',
      registers: [registry],
      collect() {
        this.set(cache.size);
      },
    });
    new Gauge({
      name: 'post_state_cache_bytes',
      help: 'Approximate memory the cached post states hold (bounded by POST_STATE_CACHE_MB).',
      registers: [registry],
      collect() {
        this.set(cache.totalBytes);
      },
    });
  }

  /**
   * The post as last known. `isNew`: its id was just made for this command, so there is nothing
   * to read (were the id taken after all, the append of version 1 would be refused).
   */
  async of(postId: string, { isNew = false } = {}): Promise<DecisionBasis> {
    if (isNew) return { post: NEW_POST, comments: new Map(), unconfirmed: true };
    const cached = this.cache.get(postId);
    this.lookups.inc({ result: cached === undefined ? 'miss' : 'hit' });
    if (cached !== undefined) return { ...cached, unconfirmed: true };
    return { post: await this.posts.load(postId), comments: new Map(), unconfirmed: false };
  }

  /** The post as the store holds it now, whatever the cache said. */
  async fresh(postId: string): Promise<DecisionBasis> {
    this.cache.delete(postId);
    return { post: await this.posts.load(postId), comments: new Map(), unconfirmed: false };
  }

  /**
   * One comment of the post: known with the basis, or read from the store. A comment read now
   * may be newer than a cached post; then the post's next version is taken, and the append that
   * would use both is refused.
   */
  async comment(basis: DecisionBasis, postId: string, commentId: string): Promise<CommentState> {
    return basis.comments.get(commentId) ?? this.posts.loadComment(postId, commentId);
  }

  /** After an append: the post as it now is, with the comment the command decided on. */
  remember(postId: string, after: LoadedPost, basis: DecisionBasis, decided: DecidedOn): void {
    const comments = new Map(basis.comments);
    const { event, comment } = decided;
    if (
      event.type === 'CommentAdded' ||
      event.type === 'CommentEdited' ||
      event.type === 'CommentRemoved'
    ) {
      const { commentId } = event.data;
      comments.delete(commentId);
      comments.set(commentId, evolveComment(comment, event));
      // Insertion order: the first ones are the least recently decided on.
      for (const oldest of comments.keys()) {
        if (comments.size <= MAX_COMMENTS_PER_POST) break;
        comments.delete(oldest);
      }
    }
    this.cache.set(postId, { post: after, comments });
  }

  /** After a failed append or a rejection: the store is asked next time. */
  forget(postId: string): void {
    this.cache.delete(postId);
  }
}

/** The event a command appended, and the comment state it was decided on (if a comment's). */
export interface DecidedOn {
  readonly event: PostEvent;
  readonly comment: CommentState;
}
