import { Query } from '@nestjs/cqrs';
import type { PersonKeysFound } from './person-keys-found.response';

/** The data keys of these key ids, for a reader of the stream that opens sealed events. */
export class LookupPersonKeysQuery extends Query<PersonKeysFound> {
  constructor(readonly keyIds: readonly string[]) {
    super();
  }
}
