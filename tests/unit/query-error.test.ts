import { DrizzleQueryError } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { loggableError } from '@/db/query-error';

it('logs a failed query by the driver’s error and its SQL cut short, never its parameters', () => {
  const query = `insert into "audit_log" values ${Array.from({ length: 200 }, () => '(?, ?, ?)').join(', ')}`;
  const cause = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
  const line = loggableError(new DrizzleQueryError(query, ['$argon2id$v=19$secret-hash', '张三'], cause));
  expect(line).toContain('SQLITE_BUSY: database is locked');
  expect(line).toContain('insert into "audit_log" values (?, ?, ?)');
  expect(line).toContain(`(${query.length} characters)`);
  expect(line.length).toBeLessThan(query.length);
  expect(line).not.toMatch(/secret-hash|张三/);
});

it('logs any other error as its stack', () => {
  expect(loggableError(new Error('boom'))).toMatch(/^Error: boom\n\s+at /);
  expect(loggableError('plain')).toBe('plain');
});
