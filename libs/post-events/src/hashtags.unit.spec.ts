import { MAX_TAGS, MAX_TAG_LENGTH, hashtagsIn, isTag } from './hashtags';

describe('the hashtags of a message', () => {
  it.each([
    ['no tag', 'Hello, world', []],
    [
      'a tag at the start, in the middle and at the end',
      '#one two #three four #five',
      ['one', 'three', 'five'],
    ],
    [
      'tags lowercased and once each, in order of first use',
      '#NestJS and #nestjs, then #Kafka',
      ['nestjs', 'kafka'],
    ],
    ['punctuation ending a tag', 'Hi #there! (#again) #x.', ['there', 'again', 'x']],
    [
      'letters of any script, digits and underscores',
      '#café #東京 #event_2026',
      ['café', '東京', 'event_2026'],
    ],
    ['compatibility forms folded (NFKC)', '#ＦＵＬＬ #ﬁne', ['full', 'fine']],
    ['no tag inside a word, an entity or after another #', 'mail a#b, &#39; ##double', []],
    ['a number, which is not a topic', '#2026 #1st', ['1st']],
  ])('finds %s', (_, message, tags) => {
    expect(hashtagsIn(message)).toEqual(tags);
  });

  it(`keeps the first ${MAX_TAGS} distinct tags`, () => {
    const message = Array.from({ length: MAX_TAGS + 5 }, (_, n) => `#tag${n}`).join(' ');
    expect(hashtagsIn(message)).toEqual(Array.from({ length: MAX_TAGS }, (_, n) => `tag${n}`));
  });

  it(`ignores a word longer than ${MAX_TAG_LENGTH} characters`, () => {
    const longest = 'é'.repeat(MAX_TAG_LENGTH);
    expect(hashtagsIn(`#${longest} #${longest}x`)).toEqual([longest]);
  });

  it('writes only tags that it accepts back', () => {
    const message = '#Ünïcödé #ＦＵＬＬ #a_b #東京';
    expect(hashtagsIn(message).every(isTag)).toBe(true);
    expect(['Upper', 'two words', '', '#x', '123'].some(isTag)).toBe(false);
  });
});
