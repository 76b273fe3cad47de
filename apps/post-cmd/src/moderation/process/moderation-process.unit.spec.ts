import type { PostEventEnvelope, ReportReason } from '@social-posts/post-events';
import {
  caseIdOf,
  noModeration,
  onEvent,
  onTimer,
  openCaseOf,
  recorded,
  type ModerationCommand,
  type ModerationSettings,
  type PostModeration,
} from './moderation-process';

const POST_ID = '5f0c2f5e-8a43-4a8e-9d0e-7c1b8f1f3a01';
const HOUR = 3_600_000;
const SETTINGS: ModerationSettings = {
  reportsToHide: 3,
  reviewMs: 24 * HOUR,
  defaultDecision: 'keep',
};
const DAY_ONE = Date.parse('2026-12-01T10:00:00.000Z');
/** The instant `minutes` after the first report. */
const at = (minutes: number) => new Date(DAY_ONE + minutes * 60_000).toISOString();

const envelope = (
  version: number,
  minutes: number,
  event: Pick<PostEventEnvelope, 'eventType' | 'data'>,
): PostEventEnvelope =>
  ({
    eventId: `event-${version}`,
    schemaVersion: 1,
    aggregateId: POST_ID,
    aggregateType: 'Post',
    version,
    occurredAt: at(minutes),
    metadata: { correlationId: 'c', causationId: 'c' },
    ...event,
  }) as PostEventEnvelope;

/** The post's events, by version: each builder takes the version and the minute it happened. */
const reported = (version: number, minutes: number, reason: ReportReason = 'spam') =>
  envelope(version, minutes, {
    eventType: 'PostReported',
    data: { postId: POST_ID, username: `user-${version}`, reason, reportedAt: at(minutes) },
  });
const liked = (version: number) =>
  envelope(version, 1, {
    eventType: 'PostLiked',
    data: { postId: POST_ID, username: 'fan', likedAt: at(1) },
  });
const shown = (version: number, caseId: string, decidedBy: 'moderator' | 'deadline') =>
  envelope(version, 90, {
    eventType: 'PostShown',
    data: { postId: POST_ID, caseId, decidedBy, shownAt: at(90) },
  });
const takenDown = (version: number, caseId: string) =>
  envelope(version, 90, {
    eventType: 'PostTakenDown',
    data: { postId: POST_ID, caseId, decidedBy: 'moderator', takenDownAt: at(90) },
  });
const removedByAuthor = (version: number) =>
  envelope(version, 95, {
    eventType: 'PostRemoved',
    data: { postId: POST_ID, username: 'ada', removedAt: at(95) },
  });

/** Given the events the process has seen, when an event arrives or its timer is checked. */
function given(events: readonly PostEventEnvelope[], settings = SETTINGS) {
  const post = events.reduce<PostModeration>(
    (state, event) => onEvent(state, event, settings).changes.reduce(recorded, state),
    noModeration(POST_ID),
  );
  return {
    post,
    whenEvent: (event: PostEventEnvelope) => onEvent(post, event, settings),
    whenTimerAt: (now: string) => onTimer(post.cases, new Date(now), settings),
  };
}

const CASE_AT_3 = caseIdOf(POST_ID, 3);
const hideFor3Reports: ModerationCommand = {
  kind: 'hide',
  postId: POST_ID,
  caseId: CASE_AT_3,
  reports: 3,
  reasons: ['spam', 'harassment'],
  reviewBy: at(24 * 60 + 20),
  idempotencyKey: `moderation:${CASE_AT_3}:hide`,
};
const threeReports = [reported(1, 0), reported(2, 10, 'harassment'), reported(3, 20)];

describe('the moderation process', () => {
  describe('when a post is reported', () => {
    it('records the report and waits while there are fewer than the number that hides a post', () => {
      const reaction = given([reported(1, 0)]).whenEvent(reported(2, 10));
      expect(reaction.commands).toEqual([]);
      expect(reaction.changes).toEqual([
        {
          kind: 'reported',
          postId: POST_ID,
          report: { version: 2, reason: 'spam', reportedAt: at(10) },
        },
      ]);
    });

    it('hides the post and opens a case with a deadline at the report that reaches the number', () => {
      const reaction = given(threeReports.slice(0, 2)).whenEvent(reported(3, 20));
      expect(reaction.commands).toEqual([hideFor3Reports]);
      expect(reaction.changes[1]).toEqual({
        kind: 'opened',
        case: {
          caseId: CASE_AT_3,
          postId: POST_ID,
          reports: 3,
          reasons: ['spam', 'harassment'],
          openedAt: at(20),
          deadline: at(24 * 60 + 20),
          outcome: null,
        },
      });
    });

    it('changes nothing and sends nothing when the event is delivered again', () => {
      const { post, whenEvent } = given(threeReports);
      const redelivered = whenEvent(reported(3, 20));
      expect(redelivered.commands).toEqual([]);
      expect(redelivered.changes.reduce(recorded, post)).toEqual(post);
    });

    it('names the case after the report that reached the number, whichever event came last', () => {
      // A redelivery from an earlier offset meets all three reports recorded already.
      const afterACrash = given([reported(3, 20), reported(1, 0), reported(2, 10, 'harassment')]);
      expect(openCaseOf(afterACrash.post)?.caseId).toBe(CASE_AT_3);
    });

    it('ignores what moderation does not follow', () => {
      expect(given(threeReports.slice(0, 2)).whenEvent(liked(3))).toEqual({
        changes: [],
        commands: [],
      });
    });

    it('counts reports made while a case is open towards no new case', () => {
      expect(given(threeReports).whenEvent(reported(4, 30)).commands).toEqual([]);
    });

    it('needs as many new reports to hide a post kept by a decision', () => {
      const kept = [...threeReports, reported(4, 30), shown(5, CASE_AT_3, 'moderator')];
      expect(given([...kept, reported(6, 100), reported(7, 110)]).post.cases).toHaveLength(1);
      const reaction = given([...kept, reported(6, 100), reported(7, 110)]).whenEvent(
        reported(8, 120, 'violence'),
      );
      expect(reaction.commands).toEqual([
        expect.objectContaining({
          kind: 'hide',
          caseId: caseIdOf(POST_ID, 8),
          reasons: ['spam', 'violence'],
        }),
      ]);
    });
  });

  describe('when a decision is stored', () => {
    it('closes the case with what was decided, and by whom', () => {
      const reaction = given(threeReports).whenEvent(takenDown(4, CASE_AT_3));
      expect(reaction).toEqual({
        changes: [
          {
            kind: 'closed',
            caseId: CASE_AT_3,
            outcome: { decision: 'remove', decidedBy: 'moderator', version: 4, decidedAt: at(90) },
          },
        ],
        commands: [],
      });
    });

    it('closes a case once: a second decision event for it changes nothing', () => {
      const decided = given([...threeReports, shown(4, CASE_AT_3, 'deadline')]);
      expect(decided.whenEvent(shown(4, CASE_AT_3, 'deadline'))).toEqual({
        changes: [],
        commands: [],
      });
    });

    it('withdraws the case of a post its author removed', () => {
      expect(given(threeReports).whenEvent(removedByAuthor(4)).changes).toEqual([
        {
          kind: 'closed',
          caseId: CASE_AT_3,
          outcome: { decision: 'withdrawn', decidedBy: 'author', version: 4, decidedAt: at(95) },
        },
      ]);
    });
  });

  describe('when the timer is checked', () => {
    const deadline = at(24 * 60 + 20);

    it('sends nothing before the deadline', () => {
      expect(given(threeReports).whenTimerAt(at(24 * 60 + 19))).toEqual([]);
    });

    it('applies the default at the deadline, with a key of the case and the step', () => {
      expect(given(threeReports).whenTimerAt(deadline)).toEqual([
        {
          kind: 'decide',
          postId: POST_ID,
          caseId: CASE_AT_3,
          decision: 'keep',
          decidedBy: 'deadline',
          idempotencyKey: `moderation:${CASE_AT_3}:deadline`,
        },
      ]);
    });

    it('fires a deadline that passed while no instance ran, as soon as it is checked', () => {
      const daysLater = at(7 * 24 * 60);
      expect(given(threeReports).whenTimerAt(daysLater)).toHaveLength(1);
    });

    it('fires twice the same command, which the event store then carries out once', () => {
      const timer = given(threeReports);
      expect(timer.whenTimerAt(deadline)).toEqual(timer.whenTimerAt(at(24 * 60 + 21)));
    });

    it('applies the configured default', () => {
      const removing = given(threeReports, { ...SETTINGS, defaultDecision: 'remove' });
      expect(removing.whenTimerAt(deadline)).toEqual([
        expect.objectContaining({ decision: 'remove' }),
      ]);
    });

    it('sends nothing for a case a moderator decided', () => {
      const decided = given([...threeReports, shown(4, CASE_AT_3, 'moderator')]);
      expect(decided.whenTimerAt(deadline)).toEqual([]);
    });
  });
});
