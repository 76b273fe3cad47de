import { InvalidText } from './post.errors';

export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_USERNAME_LENGTH = 64;

/**
 * The text as it will be stored: trimmed, non-empty, at most `maxLength` characters (code
 * points, so an emoji counts once, as the request validation counts it).
 */
export function requireText(field: string, value: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0) throw new InvalidText(field, 'must not be empty');
  if ([...text].length > maxLength) {
    throw new InvalidText(field, `must be at most ${maxLength} characters`);
  }
  return text;
}
