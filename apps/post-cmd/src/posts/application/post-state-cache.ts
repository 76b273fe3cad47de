import type { CommentState } from '../domain/comment';
import type { LoadedPost } from './post.repository';

/** A post as this process last wrote it, and the comments its commands have decided on. */
export interface CachedPost {
  readonly post: LoadedPost;
  readonly comments: ReadonlyMap<string, CommentState>;
}

export interface PostStateCacheLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** Comments kept per post: the ones its recent commands touched, not the whole thread. */
export const MAX_COMMENTS_PER_POST = 64;

/**
 * Roughly what an entry holds in memory: its strings (two bytes a character) and a fixed cost
 * per object. An estimate, not a measurement: it bounds the cache by what grows with content.
 */
export function approximateBytes({ post, comments }: CachedPost): number {
  const OBJECT = 64;
  const { state } = post;
  let bytes = OBJECT * 2;
  if (state.status === 'Active' || state.status === 'Removed') {
    bytes += 2 * (state.postId.length + state.author.length + state.message.length + 32);
  }
  for (const [commentId, comment] of comments) {
    bytes += OBJECT + 2 * commentId.length;
    if (comment.status === 'Active' || comment.status === 'Removed') {
      bytes += 2 * comment.author.length;
    }
  }
  return bytes;
}

/**
 * The states of the posts this process wrote to most recently, least recently used out first,
 * bounded by entries and by bytes. Only a shortcut: a command decided on an entry that another
 * instance has since outdated appends a version that is taken, the event store refuses it, and
 * the command is decided again on a fresh load (post-command-runner.ts).
 */
export class PostStateCache {
  private readonly entries = new Map<string, { entry: CachedPost; bytes: number }>();
  private bytes = 0;

  constructor(private readonly limits: PostStateCacheLimits) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(postId: string): CachedPost | undefined {
    const held = this.entries.get(postId);
    if (held === undefined) return undefined;
    // A Map iterates in insertion order: taking it out and back makes it the most recent.
    this.entries.delete(postId);
    this.entries.set(postId, held);
    return held.entry;
  }

  set(postId: string, entry: CachedPost): void {
    this.delete(postId);
    const bytes = approximateBytes(entry);
    if (this.limits.maxEntries === 0 || bytes > this.limits.maxBytes) return;
    this.entries.set(postId, { entry, bytes });
    this.bytes += bytes;
    for (const [oldest, held] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= held.bytes;
    }
  }

  delete(postId: string): void {
    const held = this.entries.get(postId);
    if (held === undefined) return;
    this.entries.delete(postId);
    this.bytes -= held.bytes;
  }
}
