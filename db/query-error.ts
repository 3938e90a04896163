import { DrizzleQueryError } from 'drizzle-orm';

const QUERY_CHARS = 300;

/**
 * An error as a log line. drizzle wraps a failed query (its message is the whole SQL and every parameter):
 * the driver's own error says what happened, then the SQL, cut to 300 characters (a batch insert runs to
 * pages), never the parameters (they may hold a password hash or a person's data).
 */
export function loggableError(error: unknown): string {
  if (error instanceof DrizzleQueryError && error.cause) {
    const cause = error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause);
    const query =
      error.query.length > QUERY_CHARS ? `${error.query.slice(0, QUERY_CHARS)}… (${error.query.length} characters)` : error.query;
    return `${cause}\n    in query: ${query}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
