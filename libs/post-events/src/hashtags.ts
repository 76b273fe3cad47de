/**
 * Hashtags: the `#word`s of a post's message, carried by PostCreated and PostMessageEdited from
 * schema version 2. The rule is the contract's, so the writer that records them and the upcaster
 * that derives them for version-1 events find the same tags in the same message.
 */

/** At most this many tags a message, the first ones found: a bounded row count per post. */
export const MAX_TAGS = 10;
/** A longer `#word` is not a tag (it is not something anyone would search for). */
export const MAX_TAG_LENGTH = 50;

/**
 * A `#` not preceded by a word character (so `a#b` and `&#39;` are not tags), then letters,
 * digits, combining marks or underscores.
 */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#])#([\p{L}\p{M}\p{N}_]+)/gu;
const TAG = /^[\p{L}\p{M}\p{N}_]+$/u;
const LETTER = /\p{L}/u;

/** The form tags are stored and searched in: compatibility-composed, lower case. */
export const normalisedTag = (tag: string): string => tag.normalize('NFKC').toLowerCase();

/** Whether `tag` is a tag as this contract writes it: normalised, bounded, with a letter. */
export const isTag = (tag: string): boolean =>
  TAG.test(tag) &&
  LETTER.test(tag) &&
  [...tag].length <= MAX_TAG_LENGTH &&
  normalisedTag(tag) === tag;

/** The distinct tags of a message, normalised, in the order they first appear, MAX_TAGS at most. */
export function hashtagsIn(message: string): string[] {
  const tags = new Set<string>();
  for (const [, word = ''] of message.matchAll(HASHTAG)) {
    const tag = normalisedTag(word);
    // `#2026` is a number, not a topic; NFKC can turn a tag into one that is no longer a word.
    if (!isTag(tag)) continue;
    tags.add(tag);
    if (tags.size === MAX_TAGS) break;
  }
  return [...tags];
}
