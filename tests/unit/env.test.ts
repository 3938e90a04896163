import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/server/env';

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(parseEnv({})).toEqual({
      FENGHUO_DB: './data/fenghuo.db',
      PORT: 3000,
      FENGHUO_SEED_DEMO: true,
      FENGHUO_BACKUP_KEEP: 7,
      FENGHUO_API_RATE: 50,
      FENGHUO_API_BURST: 200,
      FENGHUO_STAGED_MB_PER_USER: 100,
      FENGHUO_STAGED_MB_TOTAL: 1000,
      FENGHUO_DB_BUSY_TIMEOUT_MS: 5000,
      FENGHUO_DB_POOL: 10,
      FENGHUO_RATING_WAIT_MS: 1500,
      FENGHUO_START_WAIT_MS: 10000,
      FENGHUO_TRUST_PROXY: false,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: must be a whole number/],
    [{ PORT: '70000' }, /PORT: must be between 1 and 65535/],
    [{ FENGHUO_SEED_DEMO: 'maybe' }, /FENGHUO_SEED_DEMO: must be true or false/],
    [{ FENGHUO_ADMIN_LOGIN: 'root' }, /FENGHUO_ADMIN_PASSWORD: FENGHUO_ADMIN_LOGIN and FENGHUO_ADMIN_PASSWORD must be set together/],
    [{ FENGHUO_ADMIN_LOGIN: 'root', FENGHUO_ADMIN_PASSWORD: 'short' }, /FENGHUO_ADMIN_PASSWORD: must be at least 10 characters/],
    [{ FENGHUO_SESSION_SECRET: 'too-short' }, /FENGHUO_SESSION_SECRET: must be at least 32 characters/],
    [{ FENGHUO_SMTP_URL: 'mail.example.org' }, /FENGHUO_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ FENGHUO_SMTP_URL: 'smtp://mail.example.org:587' }, /FENGHUO_MAIL_FROM: is required when FENGHUO_SMTP_URL is set/],
    [{ FENGHUO_WEBHOOK_URL: 'ftp://x.example.org' }, /FENGHUO_WEBHOOK_URL: must be an http:\/\/ or https:\/\/ URL/],
    [{ FENGHUO_WEBHOOK_URL: 'https://x.example.org/hook' }, /FENGHUO_WEBHOOK_SECRET: is required when FENGHUO_WEBHOOK_URL is set/],
    [{ FENGHUO_WEBHOOK_URL: 'https://x.example.org/hook', FENGHUO_WEBHOOK_SECRET: 'short' }, /FENGHUO_WEBHOOK_SECRET: must be at least 16/],
    [{ FENGHUO_BACKUP_KEEP: '-1' }, /FENGHUO_BACKUP_KEEP: must be 0 \(off\) or more/],
    [{ FENGHUO_API_RATE: 'fast' }, /FENGHUO_API_RATE: must be a number/],
    [{ FENGHUO_API_BURST: '0' }, /FENGHUO_API_BURST: must be at least 1/],
    [{ FENGHUO_STAGED_MB_PER_USER: '5' }, /FENGHUO_STAGED_MB_PER_USER: must be at least 20 \(one file of the upload limit\)/],
    [{ FENGHUO_STAGED_MB_TOTAL: 'lots' }, /FENGHUO_STAGED_MB_TOTAL: must be a whole number/],
    [
      { FENGHUO_STAGED_MB_PER_USER: '200', FENGHUO_STAGED_MB_TOTAL: '100' },
      /FENGHUO_STAGED_MB_TOTAL: must be at least FENGHUO_STAGED_MB_PER_USER/,
    ],
    [{ FENGHUO_DB_BUSY_TIMEOUT_MS: 'soon' }, /FENGHUO_DB_BUSY_TIMEOUT_MS: must be a whole number of milliseconds/],
    [{ FENGHUO_DB_BUSY_TIMEOUT_MS: '-5' }, /FENGHUO_DB_BUSY_TIMEOUT_MS: must be 0 \(fail at once\) or more/],
    [{ FENGHUO_DB_BUSY_TIMEOUT_MS: '3600000' }, /FENGHUO_DB_BUSY_TIMEOUT_MS: must be at most 600000/],
    [{ FENGHUO_RATING_WAIT_MS: 'briefly' }, /FENGHUO_RATING_WAIT_MS: must be a whole number of milliseconds/],
    [{ FENGHUO_RATING_WAIT_MS: '-1' }, /FENGHUO_RATING_WAIT_MS: must be 0 \(never wait\) or more/],
    [{ FENGHUO_RATING_WAIT_MS: '600000' }, /FENGHUO_RATING_WAIT_MS: must be at most 60000/],
    [{ FENGHUO_START_WAIT_MS: '-1' }, /FENGHUO_START_WAIT_MS: must be 0 \(serve at once\) or more/],
    [{ FENGHUO_TRUST_PROXY: 'sometimes' }, /FENGHUO_TRUST_PROXY: must be true or false/],
    [{ FENGHUO_SECURE_COOKIES: 'https' }, /FENGHUO_SECURE_COOKIES: must be true or false/],
  ])('refuses %o naming the variable', (input, message) => {
    expect(() => parseEnv(input)).toThrow(ConfigError);
    expect(() => parseEnv(input)).toThrow(message);
  });

  it('treats an empty variable as unset and accepts false', () => {
    expect(parseEnv({ PORT: '', FENGHUO_SEED_DEMO: 'false' })).toMatchObject({ PORT: 3000, FENGHUO_SEED_DEMO: false });
  });
});
