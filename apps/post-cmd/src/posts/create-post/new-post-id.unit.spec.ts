import { isUUID } from 'class-validator';
import { newPostId } from './new-post-id';

describe('a new post’s id', () => {
  const key = (k: string) => ({ key: k, request: 'create' });

  it('is the same for every retry with the same Idempotency-Key, and another for another key', () => {
    expect(newPostId(key('ada:1'))).toBe(newPostId(key('ada:1')));
    expect(newPostId(key('ada:1'))).not.toBe(newPostId(key('ada:2')));
  });

  it('is a UUID that the routes accept: version 8 from a key, random without one', () => {
    expect(newPostId(key('ada:1'))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab]/);
    expect(isUUID(newPostId(key('ada:1')))).toBe(true);
    expect(newPostId()).not.toBe(newPostId());
    expect(isUUID(newPostId(), 4)).toBe(true);
  });
});
