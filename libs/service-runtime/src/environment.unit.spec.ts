import { IsInt, Matches, Max, Min } from 'class-validator';
import { Secret, validateEnvironment } from './environment';

class ExampleEnvironment {
  @IsInt()
  @Min(1)
  @Max(65535)
  readonly PORT: number = 3001;

  @Matches(/^mongodb:\/\/\S+$/, { message: 'must be a mongodb:// URL' })
  readonly MONGO_URL: string = 'mongodb://127.0.0.1:57017';

  @Secret()
  @Matches(/^postgres:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  readonly DATABASE_URL: string = 'postgres://127.0.0.1:54329/posts';
}

describe('validateEnvironment', () => {
  const validate = validateEnvironment(ExampleEnvironment);

  it('uses the defaults for variables that are not set', () => {
    expect(validate({})).toMatchObject({ PORT: 3001, MONGO_URL: 'mongodb://127.0.0.1:57017' });
  });

  it('converts what is set to the declared types', () => {
    expect(validate({ PORT: '8080' })).toMatchObject({ PORT: 8080 });
  });

  it('stops with a message naming each malformed variable and its value', () => {
    expect(() => validate({ PORT: 'eighty', MONGO_URL: 'http://db' })).toThrow(
      /Invalid configuration:\n {2}PORT="eighty": .*\n {2}MONGO_URL="http:\/\/db": must be a mongodb:\/\/ URL/,
    );
  });

  it('names a secret variable that is malformed without printing its value', () => {
    const attempt = () => validate({ DATABASE_URL: 'postgres://app:hunter2 @db/posts' });

    expect(attempt).toThrow(/DATABASE_URL=\(value hidden\): must be a postgres:\/\/ URL/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
