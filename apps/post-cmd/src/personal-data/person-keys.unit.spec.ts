import { ConfigService } from '@nestjs/config';
import { newPersonKey, type PersonKey } from '@social-posts/personal-data';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import type { PersonKeyStore } from './person-key-store.port';
import { PersonKeys } from './person-keys';

/** A key store that answers when told to, and counts what it was asked. */
class SlowKeyStore implements PersonKeyStore {
  readonly asked: string[] = [];
  private readonly keys = new Map<string, PersonKey>();
  private answer: () => void = () => undefined;
  private readonly answered = new Promise<void>((resolve) => (this.answer = resolve));

  async keyFor(username: string): Promise<PersonKey> {
    this.asked.push(username);
    await this.answered;
    const key = this.keys.get(username) ?? newPersonKey();
    this.keys.set(username, key);
    return key;
  }

  keyIdOf(username: string): Promise<string | undefined> {
    return Promise.resolve(this.keys.get(username)?.keyId);
  }

  readonly lookup = () => Promise.resolve(new Map());

  erase(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  answerNow(): void {
    this.answer();
  }
}

const config = (): ConfigService<PostCmdEnvironment, true> =>
  new ConfigService({ PERSON_KEY_CACHE_MS: 10_000 });

describe('PersonKeys', () => {
  it("reads a person's key once for commands of theirs that arrive together", async () => {
    const store = new SlowKeyStore();
    const keys = new PersonKeys(store, config());

    const together = [keys.keyFor('ada'), keys.keyFor('ada'), keys.keyFor('grace')];
    store.answerNow();
    const [first, second, other] = await Promise.all(together);

    expect(store.asked).toEqual(['ada', 'grace']);
    expect(second).toBe(first);
    expect(other?.keyId).not.toBe(first?.keyId);
  });

  it('does not keep a key read while its person was being erased', async () => {
    const store = new SlowKeyStore();
    const keys = new PersonKeys(store, config());

    const before = keys.keyFor('ada');
    await keys.erase('ada');
    store.answerNow();
    await before;
    await keys.keyFor('ada');

    expect(store.asked).toEqual(['ada', 'ada']);
  });

  it('asks the store again after a read that failed', async () => {
    const store = new SlowKeyStore();
    store.answerNow();
    const failing = jest.spyOn(store, 'keyFor').mockRejectedValueOnce(new Error('store down'));
    const keys = new PersonKeys(store, config());

    await expect(keys.keyFor('ada')).rejects.toThrow('store down');
    await expect(keys.keyFor('ada')).resolves.toHaveProperty('keyId');
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
