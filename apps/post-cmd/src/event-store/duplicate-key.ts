import { MongoServerError } from 'mongodb';
import { InsertRefused } from './grouped-inserts';

/**
 * A unique index refused the write (MongoDB and FerretDB both answer code 11000): a single
 * write's error, or one document's in a grouped insert.
 */
export const isDuplicateKey = (error: unknown): boolean =>
  (error instanceof MongoServerError || error instanceof InsertRefused) && error.code === 11000;
