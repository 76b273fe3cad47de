import { logFormat } from './log-format';

describe('the log format', () => {
  it('is readable lines on a terminal and JSON lines anywhere else, unless LOG_FORMAT says', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('refuses a format it does not know, naming the variable', () => {
    expect(() => logFormat({ LOG_FORMAT: 'yaml' }, false)).toThrow(
      'LOG_FORMAT="yaml": must be json or pretty',
    );
  });
});
