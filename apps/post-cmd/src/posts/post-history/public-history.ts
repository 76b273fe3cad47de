import type {
  EventEnvelope,
  PostEventType,
  ReadablePostEventEnvelope,
} from '@social-posts/post-events';

/** The fields of an event's data that can be withheld: the words a person wrote, a reporter. */
export const WITHHELD_FIELDS = ['message', 'tags', 'comment', 'username'] as const;
export type WithheldField = (typeof WITHHELD_FIELDS)[number];

/**
 * An event as a history shows it: as stored (a field null where its person was erased), or with
 * some of its words withheld (their values null, their names in `withheld`). Its type, version and time always stay: the shape of
 * the history is public, words the author took back are not.
 */
export type HistoryEvent =
  | ReadablePostEventEnvelope
  | (EventEnvelope<PostEventType, object> & { readonly withheld: readonly WithheldField[] });

/**
 * The history as anyone may read it: a message text that is no longer the post's message (and
 * the hashtags it had), a comment's text that is no longer the comment's, and every text of a
 * removed comment are withheld. What is current stays: a text edited back to what it was is
 * current again.
 */
export function publicHistory(events: readonly ReadablePostEventEnvelope[]): HistoryEvent[] {
  const current = currentTexts(events);
  return events.map((event) => {
    switch (event.eventType) {
      case 'PostCreated':
      case 'PostMessageEdited':
        return event.data.message === current.message
          ? event
          : withhold(event, ['message', 'tags']);
      case 'CommentAdded':
      case 'CommentEdited':
        return event.data.comment === current.comments.get(event.data.commentId)
          ? event
          : withhold(event, ['comment']);
      default:
        return withoutReporter(event);
    }
  });
}

/**
 * The history as the post's author reads it: whole, but for who reported it. Only admins learn
 * that, so that a report cannot be answered in kind.
 */
export const authorHistory = (events: readonly ReadablePostEventEnvelope[]): HistoryEvent[] =>
  events.map(withoutReporter);

const withoutReporter = (event: ReadablePostEventEnvelope): HistoryEvent =>
  event.eventType === 'PostReported' ? withhold(event, ['username']) : event;

/**
 * The post's message as of `asOf` for anyone to read: itself when it is still the message,
 * null once an edit replaced it.
 */
export const publicMessage = (asOf: string, current: string): string | null =>
  asOf === current ? asOf : null;

/** The post's message and each comment's text as the stream leaves them (removed: none). */
function currentTexts(events: readonly ReadablePostEventEnvelope[]) {
  let message: string | null | undefined;
  const comments = new Map<string, string | null>();
  for (const event of events) {
    switch (event.eventType) {
      case 'PostCreated':
      case 'PostMessageEdited':
        message = event.data.message;
        break;
      case 'CommentAdded':
      case 'CommentEdited':
        comments.set(event.data.commentId, event.data.comment);
        break;
      case 'CommentRemoved':
        comments.delete(event.data.commentId);
        break;
    }
  }
  return { message, comments };
}

function withhold(
  event: ReadablePostEventEnvelope,
  fields: readonly WithheldField[],
): HistoryEvent {
  const data: Record<string, unknown> = { ...event.data };
  for (const field of fields) data[field] = null;
  return { ...event, data, withheld: fields };
}
