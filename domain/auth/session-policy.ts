// A session ends after 12 hours without use, and in any case 7 days after login.
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Last-seen (sessions) and last-used (tokens) are written at most every 5 minutes, so reading does not write.
export const SESSION_TOUCH_MS = 5 * 60 * 1000;
export const SESSION_COOKIE = 'fh_session';

// Login throttling (decision 017): a soft back-off, never a long lock on an account, so that someone
// guessing a victim's password cannot keep the victim out. Failures count within the window.
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** For one login, from anywhere: after this many failures each attempt waits 1 s, 2 s, 4 s, … at most 60 s. */
export const THROTTLE_FREE_PER_LOGIN = 5;
export const THROTTLE_LOGIN_BASE_MS = 1000;
export const THROTTLE_LOGIN_CAP_MS = 60 * 1000;
/** For one login from one (trusted) address: 30 s, 60 s, … at most 15 minutes after that many failures. */
export const THROTTLE_FREE_PER_PAIR = 5;
export const THROTTLE_PAIR_BASE_MS = 30 * 1000;
export const THROTTLE_PAIR_CAP_MS = 15 * 60 * 1000;
/** For one (trusted) address over all logins: refused until the window has passed. */
export const THROTTLE_MAX_PER_IP = 30;

// Argon2 takes ~40 ms of a core per check (19 MiB). Checks beyond these wait in line or are refused with
// the throttled answer, so a flood of logins cannot take the CPU from pages (issue 13, item 14).
/** Password checks running at once in one process. */
export const VERIFY_CONCURRENCY = 2;
/** Password checks waiting for a turn; one more is refused unchecked ("try again in a second"). */
export const VERIFY_QUEUE = 8;
export const VERIFY_BUSY_RETRY_MS = 1000;
