import fc from 'fast-check';
import { requireText } from '../domain/post.rules';
import { STORABLE_TEXT_PATTERN } from './request-fields';

describe('STORABLE_TEXT_PATTERN (the OpenAPI form of the text rules)', () => {
  const documented = new RegExp(STORABLE_TEXT_PATTERN);
  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\ufeff', '\u0000', 'a', 'é') }),
  );

  it('only matches texts the server stores', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (documented.test(text)) expect(requireText('text', text, 10_000)).toBe(text.trim());
      }),
      { numRuns: 5_000 },
    );
  });

  it.each(['Hello', '  Hello  ', 'line\nbreak', 'tab\there', 'café', 'x'])('matches %j', (text) => {
    expect(documented.test(text)).toBe(true);
  });

  it.each(['', '   ', '\n\t', '\u00a0', '\ufeff', 'a\u0000b', 'bell\u0007', '\ud800'])(
    'does not match %j',
    (text) => {
      expect(documented.test(text)).toBe(false);
    },
  );
});
