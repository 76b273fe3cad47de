import { MongoBulkWriteError, type Collection, type OptionalUnlessRequiredId } from 'mongodb';

/** The server's write error for one document of a grouped insert; other documents may be stored. */
export class InsertRefused extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InsertRefused';
  }
}

interface Pending<TDocument> {
  readonly document: OptionalUnlessRequiredId<TDocument>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: inserts that arrive while one is being written go out together as the next
 * unordered `insertMany`, as soon as the one in flight returns. No timer: a lone insert is
 * written at once, and under load each round trip carries what accumulated meanwhile. Each
 * document still gets its own outcome: the server's write error for that document (a duplicate
 * key names a conflict, a taken claim or a used Idempotency-Key), or, when the whole call
 * fails, that failure, for every document of the group.
 */
export class GroupedInserts<TDocument extends object> {
  private queue: Pending<TDocument>[] = [];
  private writing = false;

  constructor(
    private readonly collection: Collection<TDocument>,
    private readonly maxGroup: number,
  ) {}

  insert(document: OptionalUnlessRequiredId<TDocument>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ document, resolve, reject });
      if (!this.writing) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.queue.slice(0, this.maxGroup);
      this.queue = this.queue.slice(group.length);
      await this.write(group);
    }
    this.writing = false;
  }

  private async write(group: readonly Pending<TDocument>[]): Promise<void> {
    try {
      await this.collection.insertMany(
        group.map(({ document }) => document),
        { ordered: false },
      );
      for (const pending of group) pending.resolve();
    } catch (error) {
      const refused = refusalsByDocument(error, group.length);
      group.forEach((pending, index) => {
        const refusal = refused?.get(index);
        if (refused === undefined) pending.reject(error);
        else if (refusal !== undefined) pending.reject(refusal);
        else pending.resolve();
      });
    }
  }
}

/**
 * Each refused document's error, by its index in the group, when the server answered for every
 * document: those it stored and those it refused add up to the group. Otherwise (the driver
 * wraps a lost connection or a write-concern failure in the same error class, with no write
 * errors) the outcome of every document is unknown: `undefined`, and all of them fail.
 */
function refusalsByDocument(error: unknown, size: number): Map<number, InsertRefused> | undefined {
  if (!(error instanceof MongoBulkWriteError)) return undefined;
  const writeErrors = [error.writeErrors].flat();
  if (writeErrors.length === 0 || error.insertedCount + writeErrors.length !== size) {
    return undefined;
  }
  return new Map(
    writeErrors.map(({ index, code, errmsg }) => [index, new InsertRefused(code, errmsg ?? '')]),
  );
}
