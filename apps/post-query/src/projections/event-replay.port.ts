/** How a republish the engine asked for stands: under way, done, or replaced by a newer one. */
export type ReplayState = 'running' | 'done' | 'replaced';

/**
 * The write side's republish, as the engine needs it to fill a new build: the services share
 * only the event stream, so the events come again through it (post-cmd/post-cmd-replay.ts asks
 * post-cmd over HTTP).
 */
export interface EventReplay {
  /** Asks for every stored event, or one post's, to be published again; returns its job. */
  request(postId?: string): Promise<string>;
  state(job: string): Promise<ReplayState>;
}

export const EVENT_REPLAY = Symbol('EventReplay');
