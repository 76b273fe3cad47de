import { nameBasedUuid } from '@social-posts/event-sourcing';
import {
  REPORT_REASONS,
  type ModerationDecider,
  type ModerationDecision,
  type ReadablePostEventEnvelope,
  type PostEventType,
  type ReportReason,
} from '@social-posts/post-events';

/**
 * The moderation process manager's rules, pure: what it records and which commands it sends
 * when an event of a post arrives, and when a review's deadline is checked. Its state and its
 * timers are data (a case's `deadline`), stored by its adapter; nothing here reads a clock.
 */

export interface ModerationSettings {
  /** Distinct reports that hide a post and open a review case (MODERATION_REPORTS_TO_HIDE). */
  readonly reportsToHide: number;
  /** How long a review may take (MODERATION_REVIEW_HOURS), from the report that hid the post. */
  readonly reviewMs: number;
  /** What the deadline decides when no moderator did (MODERATION_DEFAULT). */
  readonly defaultDecision: ModerationDecision;
}

/** One report of the post, as the process keeps it: its version in the post's stream, and why. */
export interface RecordedReport {
  readonly version: number;
  readonly reason: ReportReason;
  readonly reportedAt: string;
}

/**
 * How a case ended: a decision (by a moderator or the deadline), or withdrawn when the post
 * was removed by its author (or erased) before any. `version` is the post's version that ended
 * it: reports before it belonged to this case.
 */
export interface CaseOutcome {
  readonly decision: ModerationDecision | 'withdrawn';
  readonly decidedBy: ModerationDecider | 'author';
  /** Null when a command found the post gone, without learning its version. */
  readonly version: number | null;
  readonly decidedAt: string;
}

export interface ModerationCase {
  readonly caseId: string;
  readonly postId: string;
  /** The reports that opened it, and their reasons (each once). */
  readonly reports: number;
  readonly reasons: readonly ReportReason[];
  readonly openedAt: string;
  /** The case's timer: past it, with no decision, the default applies. */
  readonly deadline: string;
  readonly outcome: CaseOutcome | null;
}

/** What the process knows of one post: its reports and its cases, oldest first. */
export interface PostModeration {
  readonly postId: string;
  readonly reports: readonly RecordedReport[];
  readonly cases: readonly ModerationCase[];
}

export const noModeration = (postId: string): PostModeration => ({
  postId,
  reports: [],
  cases: [],
});

/**
 * A command the process sends. Its idempotency key is made from the case and the step, so a
 * redelivered event or a timer fired twice sends the same key, and the event store carries
 * the command out once (the second gets the first's answer).
 */
export type ModerationCommand =
  | {
      readonly kind: 'hide';
      readonly postId: string;
      readonly caseId: string;
      readonly reports: number;
      readonly reasons: readonly ReportReason[];
      readonly reviewBy: string;
      readonly idempotencyKey: string;
    }
  | {
      readonly kind: 'decide';
      readonly postId: string;
      readonly caseId: string;
      readonly decision: ModerationDecision;
      readonly decidedBy: 'deadline';
      readonly idempotencyKey: string;
    };

/** What the process records: each change is idempotent, so recording one twice is harmless. */
export type ModerationChange =
  | { readonly kind: 'reported'; readonly postId: string; readonly report: RecordedReport }
  | { readonly kind: 'opened'; readonly case: ModerationCase }
  | { readonly kind: 'closed'; readonly caseId: string; readonly outcome: CaseOutcome };

export interface Reaction {
  readonly changes: readonly ModerationChange[];
  readonly commands: readonly ModerationCommand[];
}

const NOTHING: Reaction = { changes: [], commands: [] };

export const openCaseOf = (post: PostModeration): ModerationCase | undefined =>
  post.cases.find((each) => each.outcome === null);

/** The id of the case that the report at `version` opens: the same on every instance and retry. */
export const caseIdOf = (postId: string, version: number): string =>
  nameBasedUuid(`moderation-case:${postId}:${version}`);

/** The state after a change: how the adapter's stored documents read back. */
export function recorded(post: PostModeration, change: ModerationChange): PostModeration {
  switch (change.kind) {
    case 'reported':
      if (post.reports.some((report) => report.version === change.report.version)) return post;
      return { ...post, reports: [...post.reports, change.report] };
    case 'opened':
      if (post.cases.some((each) => each.caseId === change.case.caseId)) return post;
      return { ...post, cases: [...post.cases, change.case] };
    case 'closed':
      return {
        ...post,
        cases: post.cases.map((each) =>
          each.caseId === change.caseId && each.outcome === null
            ? { ...each, outcome: change.outcome }
            : each,
        ),
      };
  }
}

/** The event types `onEvent` reacts to: every other one changes nothing. */
export const FOLLOWED_EVENT_TYPES: ReadonlySet<PostEventType> = new Set([
  'PostReported',
  'PostShown',
  'PostTakenDown',
  'PostRemoved',
]);

/** What an event of the post changes, and the commands it calls for. */
export function onEvent(
  post: PostModeration,
  event: ReadablePostEventEnvelope,
  settings: ModerationSettings,
): Reaction {
  switch (event.eventType) {
    case 'PostReported': {
      const reported: ModerationChange = {
        kind: 'reported',
        postId: post.postId,
        report: {
          version: event.version,
          reason: event.data.reason,
          reportedAt: event.data.reportedAt,
        },
      };
      const opened = caseToOpen(recorded(post, reported), settings);
      if (opened === undefined) return { changes: [reported], commands: [] };
      return { changes: [reported, { kind: 'opened', case: opened }], commands: [hide(opened)] };
    }
    case 'PostShown':
    case 'PostTakenDown': {
      const { caseId, decidedBy } = event.data;
      const decision = event.eventType === 'PostShown' ? 'keep' : 'remove';
      return closed(post, caseId, {
        decision,
        decidedBy,
        version: event.version,
        decidedAt: event.occurredAt,
      });
    }
    case 'PostRemoved': {
      const open = openCaseOf(post);
      if (open === undefined) return NOTHING;
      return closed(post, open.caseId, {
        decision: 'withdrawn',
        decidedBy: 'author',
        version: event.version,
        decidedAt: event.occurredAt,
      });
    }
    default:
      return NOTHING;
  }
}

/** The decisions due at `now`: each open case whose deadline has passed gets the default. */
export function onTimer(
  openCases: readonly ModerationCase[],
  now: Date,
  settings: ModerationSettings,
): ModerationCommand[] {
  return openCases
    .filter((each) => each.outcome === null && Date.parse(each.deadline) <= now.getTime())
    .map(({ postId, caseId }) => ({
      kind: 'decide',
      postId,
      caseId,
      decision: settings.defaultDecision,
      decidedBy: 'deadline',
      idempotencyKey: `moderation:${caseId}:deadline`,
    }));
}

/**
 * What a refusal of one of the process's commands means: a post removed (or erased) before
 * the decision withdraws its case. Any other refusal (the case decided already) changes
 * nothing here: the decision's own event closes the case.
 */
export function onRefused(
  command: ModerationCommand,
  problem: string,
  at: string,
): ModerationChange[] {
  if (problem !== 'post-is-removed' && problem !== 'post-not-found') return [];
  return [
    {
      kind: 'closed',
      caseId: command.caseId,
      outcome: { decision: 'withdrawn', decidedBy: 'author', version: null, decidedAt: at },
    },
  ];
}

function closed(post: PostModeration, caseId: string, outcome: CaseOutcome): Reaction {
  const known = post.cases.find((each) => each.caseId === caseId);
  if (known === undefined || known.outcome !== null) return NOTHING;
  return { changes: [{ kind: 'closed', caseId, outcome }], commands: [] };
}

/**
 * The case the post's reports open, if none is open: `reportsToHide` reports since the last
 * case ended (a kept post needs as many new ones). The report that reaches the count names the
 * case and starts its review, so the case is the same whichever event is redelivered.
 */
function caseToOpen(
  post: PostModeration,
  settings: ModerationSettings,
): ModerationCase | undefined {
  if (openCaseOf(post) !== undefined) return undefined;
  const endedAt = Math.max(0, ...post.cases.map((each) => each.outcome?.version ?? 0));
  const counted = post.reports
    .filter((report) => report.version > endedAt)
    .sort((a, b) => a.version - b.version)
    .slice(0, settings.reportsToHide);
  const last = counted[settings.reportsToHide - 1];
  if (last === undefined) return undefined;
  const given = new Set(counted.map((report) => report.reason));
  return {
    caseId: caseIdOf(post.postId, last.version),
    postId: post.postId,
    reports: counted.length,
    reasons: REPORT_REASONS.filter((reason) => given.has(reason)),
    openedAt: last.reportedAt,
    deadline: new Date(Date.parse(last.reportedAt) + settings.reviewMs).toISOString(),
    outcome: null,
  };
}

const hide = ({
  postId,
  caseId,
  reports,
  reasons,
  deadline,
}: ModerationCase): ModerationCommand => ({
  kind: 'hide',
  postId,
  caseId,
  reports,
  reasons,
  reviewBy: deadline,
  idempotencyKey: `moderation:${caseId}:hide`,
});
