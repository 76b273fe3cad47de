import { problemType, type DomainErrorMapper } from '@social-posts/service-runtime';

// Socket errors, SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shutting
// down or starting up), and no answer within DATABASE_TIMEOUT_MS: PostgreSQL is away or hung,
// not the request at fault.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123])$/;
const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout/i;

function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (
    typeof code === 'string' &&
    (UNREACHABLE_CODES.has(code) || UNREACHABLE_SQLSTATE.test(code))
  ) {
    return true;
  }
  if (UNREACHABLE_MESSAGE.test(error.message)) return true;
  return driverError !== undefined && isDatabaseUnreachable(driverError);
}

// SQLSTATE class 22 (data exception: a value out of range or too long for its column) and 23
// (integrity constraint violation): the statement's data is at fault, so a retry fails alike.
const REJECTED_SQLSTATE = /^2[23]...$/;

/** PostgreSQL refused the data itself, rather than being away or busy. */
export function isRejectedByDatabase(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === 'string' && REJECTED_SQLSTATE.test(code)) return true;
  return driverError !== undefined && isRejectedByDatabase(driverError);
}

/** A read model that PostgreSQL cannot serve right now: a 503 the client may retry. */
export const mapDatabaseError: DomainErrorMapper = (error) =>
  isDatabaseUnreachable(error)
    ? {
        type: problemType('read-model-unavailable'),
        status: 503,
        detail: 'The read model database cannot be reached: retry the query.',
      }
    : undefined;
