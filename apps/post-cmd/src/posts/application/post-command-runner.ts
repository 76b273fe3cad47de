import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import {
  IdempotencyKeyTaken,
  VersionConflict,
  type CommandMetadata,
  type IdempotencyKey,
} from '@social-posts/event-sourcing';
import {
  toReadablePostEvent,
  type PostEvent,
  type ReadablePostEvent,
} from '@social-posts/post-events';
import { CommandAdmission } from './command-admission';
import { CommandMetrics } from './command-metrics';
import { initialCommentState, type CommentState } from '../domain/comment';
import type { PostState } from '../domain/post';
import { PostRuleViolation } from '../domain/post.errors';
import { PostRepository } from './post.repository';
import { PostStates, type DecidedOn, type DecisionBasis } from './post-states';

/** What a command decides on: the post, and the comment it acts on (if any). */
export type PostDecision = (state: PostState, comment: CommentState) => PostEvent;

export interface RunOptions {
  /** From If-Match: the command applies only to this version of the post. */
  readonly expectedVersion?: number;
  /** The comment the command acts on, loaded alongside the post. */
  readonly commentId?: string;
  /** The post id was just made for this command: there is nothing to read before deciding. */
  readonly isNew?: boolean;
}

/** What every accepted command answers: the post and its new version (also the ETag). */
export interface CommandAccepted {
  readonly postId: string;
  readonly version: number;
  /** When the command added a comment: the comment's id. */
  readonly commentId?: string;
}

/** The answer an appended event makes; the same whether it was just stored or long ago. */
const acceptedOf = (postId: string, version: number, event: ReadablePostEvent): CommandAccepted =>
  event.type === 'CommentAdded'
    ? { postId, version, commentId: event.data.commentId }
    : { postId, version };

/** The same Idempotency-Key was sent with another request. */
export class IdempotencyKeyReused extends Error {
  constructor() {
    super(
      'This Idempotency-Key was used for a different request; use a new key for a new request.',
    );
    this.name = 'IdempotencyKeyReused';
  }
}

/**
 * Without If-Match, a command that loses a race is decided again on a fresh load: "like" from
 * many people at once must all succeed, and rules are re-checked against the newer state.
 * Each round of a race has one winner, so the bound is a time, not a small count; a random
 * pause that grows with the attempts spreads the contenders out.
 */
const RETRY_FOR_MS = 5_000;
const MAX_ATTEMPTS = 100;
const backoff = (attempt: number) => delay(Math.random() * Math.min(50, 2 * attempt));

/**
 * Load → decide → append, the same for every post command. Within this process, commands on
 * one post take turns, so they never conflict with each other; between instances, the event
 * store's unique (aggregateId, version) decides, and the loser retries. The post's state comes
 * from the cache when this process wrote it last (post-states.ts): an outdated entry can only
 * make the append conflict, and a rejection decided on it is confirmed on a fresh load, so the
 * cache changes what a command costs, never what it answers.
 */
@Injectable()
export class PostCommandRunner {
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(
    private readonly posts: PostRepository,
    private readonly states: PostStates,
    private readonly admission: CommandAdmission,
    private readonly metrics: CommandMetrics,
  ) {}

  /**
   * With an idempotency key, a request already carried out is not carried out again: its first
   * answer is rebuilt from the event it stored, whether the key is found before deciding or
   * its event loses the insert to a concurrent retry's. Past COMMANDS_IN_FLIGHT, a command
   * that cannot start soon is refused (CommandsOverloaded) before anything is read.
   */
  async run(
    postId: string,
    metadata: CommandMetadata,
    decide: PostDecision,
    options: RunOptions = {},
  ): Promise<CommandAccepted> {
    return this.admission.admit(() => this.runAdmitted(postId, metadata, decide, options));
  }

  private async runAdmitted(
    postId: string,
    metadata: CommandMetadata,
    decide: PostDecision,
    options: RunOptions,
  ): Promise<CommandAccepted> {
    const { idempotency } = metadata;
    if (idempotency === undefined) {
      return this.inTurn(postId, () => this.decideAndAppend(postId, metadata, decide, options));
    }
    const first = await this.firstAnswer(idempotency);
    if (first !== undefined) return first;
    try {
      return await this.inTurn(postId, () =>
        this.decideAndAppend(postId, metadata, decide, options),
      );
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken)) throw error;
      const raced = await this.firstAnswer(idempotency);
      if (raced === undefined) throw error;
      return raced;
    }
  }

  /** The answer the request with this key got, if it was carried out; 422 for another request. */
  private async firstAnswer(idempotency: IdempotencyKey): Promise<CommandAccepted | undefined> {
    const first = await this.posts.findByIdempotencyKey(idempotency.key);
    if (first === null) return undefined;
    if (first.request !== idempotency.request) throw new IdempotencyKeyReused();
    const { aggregateId, version } = first.event;
    return acceptedOf(aggregateId, version, toReadablePostEvent(first.event));
  }

  /** Runs `work` after every earlier command on the same post has settled. */
  private inTurn<T>(postId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.turns.get(postId) ?? Promise.resolve()).then(work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(postId, settled);
    void settled.then(() => {
      if (this.turns.get(postId) === settled) this.turns.delete(postId);
    });
    return result;
  }

  private async decideAndAppend(
    postId: string,
    metadata: CommandMetadata,
    decide: PostDecision,
    { expectedVersion, commentId, isNew }: RunOptions,
  ): Promise<CommandAccepted> {
    const deadline = Date.now() + RETRY_FOR_MS;
    let basis = await this.states.of(postId, { isNew });
    for (let attempt = 1; ; attempt++) {
      const decided = await this.decideOn(basis, postId, decide, { expectedVersion, commentId });
      if (decided === 'unconfirmed') {
        basis = await this.states.fresh(postId);
        continue;
      }
      try {
        const after = await this.posts.append(postId, basis.post, decided.event, metadata);
        this.states.remember(postId, after, basis, decided);
        return acceptedOf(postId, after.version, decided.event);
      } catch (error) {
        this.states.forget(postId);
        // With If-Match, a conflict is the answer, but only once seen on the store's state: a
        // command decided on a cached state is decided again on a fresh load, which answers the
        // 409 with the post's current version (or, in a race, accepts).
        const retry =
          error instanceof VersionConflict &&
          (expectedVersion === undefined || basis.unconfirmed) &&
          attempt < MAX_ATTEMPTS &&
          Date.now() < deadline;
        if (error instanceof VersionConflict) this.metrics.conflict(retry ? 'retried' : 'lost');
        if (!retry) throw error;
        await backoff(attempt);
        basis = await this.states.fresh(postId);
      }
    }
  }

  /**
   * The command's event, decided on `basis`; 'unconfirmed' where a refusal (If-Match naming
   * another version, or a rule the state breaks) rests on a state not read from the store.
   * Text the rules refuse is refused whatever the state.
   */
  private async decideOn(
    basis: DecisionBasis,
    postId: string,
    decide: PostDecision,
    { expectedVersion, commentId }: Pick<RunOptions, 'expectedVersion' | 'commentId'>,
  ): Promise<DecidedOn | 'unconfirmed'> {
    const { post } = basis;
    if (expectedVersion !== undefined && expectedVersion !== post.version) {
      if (basis.unconfirmed) return 'unconfirmed';
      throw new VersionConflict(postId, expectedVersion, post.version);
    }
    // Read after the post: it holds at least what the post's version does. Anything later
    // makes the append conflict, and the command is decided again.
    const comment =
      commentId === undefined
        ? initialCommentState
        : await this.states.comment(basis, postId, commentId);
    try {
      return { event: decide(post.state, comment), comment };
    } catch (error) {
      const stateful = error instanceof PostRuleViolation && error.kind !== 'invalid';
      if (stateful && basis.unconfirmed) return 'unconfirmed';
      throw error;
    }
  }
}
