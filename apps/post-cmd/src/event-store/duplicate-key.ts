import { MongoServerError } from 'mongodb';

/** A unique index refused the write (MongoDB and FerretDB both answer code 11000). */
export const isDuplicateKey = (error: unknown): boolean =>
  error instanceof MongoServerError && error.code === 11000;
