// A session ends after 12 hours without use, and in any case 7 days after login.
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Last-seen (sessions) and last-used (tokens) are written at most every 5 minutes, so reading does not write.
export const SESSION_TOUCH_MS = 5 * 60 * 1000;
export const SESSION_COOKIE = 'fh_session';

// Login throttling: after this many failures in the window, further attempts are refused until it passes.
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_PER_LOGIN = 5;
export const THROTTLE_MAX_PER_IP = 30;
