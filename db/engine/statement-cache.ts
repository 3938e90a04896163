import type Database from 'better-sqlite3';

/**
 * Prepared statements of one connection by SQL text, the least recently used dropped first. drizzle's
 * better-sqlite3 driver prepares every statement again on each call; the same few hundred texts run all
 * day, so preparing each once is a free speed-up. Bounded, because texts built with a variable number of
 * placeholders (IN lists) are endless.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly connection: Database.Database,
    private readonly capacity: number,
  ) {}

  get(text: string): Database.Statement {
    const found = this.statements.get(text);
    if (found) {
      // Map keeps insertion order: taking it out and putting it back makes it the most recent.
      this.statements.delete(text);
      this.statements.set(text, found);
      return found;
    }
    const statement = this.connection.prepare(text);
    this.statements.set(text, statement);
    if (this.statements.size > this.capacity) this.statements.delete(this.statements.keys().next().value as string);
    return statement;
  }

  get size(): number {
    return this.statements.size;
  }
}
