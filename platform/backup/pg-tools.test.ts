import { describe, expect, it } from 'vitest';
import { libpqEnv } from './pg-tools';

describe('libpqEnv', () => {
  it('passes the URL to libpq by environment, the password only as PGPASSWORD, decoded', () => {
    const env = libpqEnv('postgres://fen%40ghuo:s%3Aecr%2Fet@db.example.org:6543/fenghuo%5Fprod?sslmode=no-verify', {
      PATH: '/bin',
      PGPASSWORD: 'outer',
      PGSERVICE: 'other',
    });
    expect(env).toEqual({
      PATH: '/bin',
      PGHOST: 'db.example.org',
      PGPORT: '6543',
      PGUSER: 'fen@ghuo',
      PGPASSWORD: 's:ecr/et',
      PGDATABASE: 'fenghuo_prod',
      PGSSLMODE: 'require',
    });
  });

  it('takes a socket folder from ?host= and leaves out what the URL does not say', () => {
    expect(libpqEnv('postgresql://fenghuo@localhost/fenghuo?host=/var/run/postgresql', {})).toEqual({
      PGHOST: '/var/run/postgresql',
      PGUSER: 'fenghuo',
      PGDATABASE: 'fenghuo',
    });
  });
});
