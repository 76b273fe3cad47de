import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PERSON_KEY_STORE, type PersonKeyStore } from '../person-key-store.port';
import { LookupPersonKeysQuery } from './lookup-person-keys.query';
import type { PersonKeysFound } from './person-keys-found.response';

/**
 * Read from the key store itself, not this instance's kept keys: a key erased on another instance
 * is not handed out again. The reader keeps what it gets no longer than PERSON_KEY_CACHE_MS.
 */
@QueryHandler(LookupPersonKeysQuery)
export class LookupPersonKeysHandler implements IQueryHandler<LookupPersonKeysQuery> {
  constructor(@Inject(PERSON_KEY_STORE) private readonly store: PersonKeyStore) {}

  async execute({ keyIds }: LookupPersonKeysQuery): Promise<PersonKeysFound> {
    const found = await this.store.lookup([...new Set(keyIds)]);
    return {
      keys: [...found].map(([keyId, key]) => ({ keyId, key: key.export().toString('base64') })),
    };
  }
}
