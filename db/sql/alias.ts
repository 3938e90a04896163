// drizzle's `alias` (a second name for a table in one statement: a unit and its parent). SQLite's and
// PostgreSQL's are the same proxy (drizzle-orm sqlite-core/alias.js and pg-core/alias.js are identical), so
// an aliased pg twin stays a pg table; importing it from here keeps drizzle's SQLite core out of the
// query files (decision 046, checked by lint:sync).
export { alias } from 'drizzle-orm/sqlite-core';
