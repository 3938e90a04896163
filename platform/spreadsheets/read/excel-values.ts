import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ZONE } from '@/domain/time/shanghai';

/** A local wall-clock reading (Excel's dates have no zone; ours are Asia/Shanghai). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Built-in number formats that show a date or time: the general ones and those Chinese Excel uses (27–36, 50–58).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a cell style's number format shows its number as a date or time. */
export function isDateFormat(numFmtId: number, formatCode: string | undefined): boolean {
  if (DATE_FORMAT_IDS.has(numFmtId)) return true;
  if (!formatCode) return false;
  const bare = firstSectionBare(formatCode);
  return /[ymdhs]/i.test(bare) && !/general/i.test(bare);
}

/**
 * The first section of a number format without what says nothing about dates: quoted literals, escaped
 * characters and [colour]/[$-locale] parts. One pass, remembering a quote or bracket that never closes:
 * the format code comes from the user's file, and searching again from every `[` of "[[[[…" is quadratic.
 */
function firstSectionBare(code: string): string {
  let bare = '';
  let quoteCloses = true;
  let bracketCloses = true;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === ';') break;
    if (ch === '\\') {
      i++;
      continue;
    }
    const close = ch === '"' && quoteCloses ? '"' : ch === '[' && bracketCloses ? ']' : '';
    if (close) {
      const end = code.indexOf(close, i + 1);
      if (end >= 0) {
        i = end;
        continue;
      }
      if (close === '"') quoteCloses = false;
      else bracketCloses = false;
    }
    bare += ch;
  }
  return bare;
}

/** Excel's serial day number to the wall-clock reading it shows, rounded to the second. */
export function serialToWallClock(serial: number, date1904: boolean): WallClock | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_466) return null;
  // The 1900 system counts a 29 February 1900 that never was; days before it are one off.
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const at = new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86_400) * 1000);
  return {
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function wallDate(wall: WallClock): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

export function hasTime(wall: WallClock): boolean {
  return wall.hour !== 0 || wall.minute !== 0 || wall.second !== 0;
}

// The zone's offset per local day, looked up once: asking the tz database (Intl underneath) for each of
// 100,000 cells takes seconds. A day whose offset changes (China's summer time, 1986–1991) is marked null
// and its readings are converted one by one.
const offsetByDay = new Map<string, string | null>();

function dayOffset(wall: WallClock, day: string): string | null {
  let offset = offsetByDay.get(day);
  if (offset === undefined) {
    const first = format(new TZDate(wall.year, wall.month - 1, wall.day, 0, 0, 0, ZONE), 'xxx');
    const last = format(new TZDate(wall.year, wall.month - 1, wall.day, 23, 59, 59, ZONE), 'xxx');
    offset = first === last ? first : null;
    if (offsetByDay.size < 50_000) offsetByDay.set(day, offset);
  }
  return offset;
}

/** A wall-clock reading in Asia/Shanghai as `YYYY-MM-DDTHH:mm:ss+08:00` (+09:00 in the summers of 1986–1991). */
export function wallDateTime(wall: WallClock): string {
  const day = wallDate(wall);
  const offset = dayOffset(wall, day);
  if (offset !== null) return `${day}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset}`;
  const local = new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, ZONE);
  return format(local, "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** An instant as a wall-clock reading in Asia/Shanghai. */
export function instantToWall(ms: number): WallClock {
  const local = new TZDate(ms, ZONE);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const TEXT_DATE =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:\s+|T)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads the date forms people type (`2025-03-04`, `2025/3/4 9:30`, `2025年3月4日`, ISO with an offset). A reading
 * without an offset is Shanghai wall-clock time; one with an offset is converted to it. Null if not a date.
 */
export function parseTextDate(text: string): WallClock | null {
  const m = TEXT_DATE.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const wall = { year, month, day, hour, minute, second };
  const offset = m[7];
  if (!offset) return wall;
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== 'Z') {
    const digits = offset.replace(':', '');
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  return instantToWall(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
}

/**
 * A number as Excel shows it at most (15 significant digits), in plain decimal notation: never `1.2E+11`,
 * never the binary noise of `0.30000000000000004`.
 */
export function plainNumber(raw: string): string {
  // Excel writes the shortest round-trip form; with at most 15 digits and no exponent that is already the answer.
  const simple = plainDecimal(raw);
  if (simple && simple.whole.length + simple.fraction.length <= 15) return joinDecimal(simple.sign, simple.whole, simple.fraction);
  const n = Number(raw);
  if (!Number.isFinite(raw.trim() === '' ? NaN : n)) return raw.trim();
  if (n === 0) return '0';
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(n.toPrecision(15))!;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? '');
  const point = m[2]!.length + Number(m[4] ?? 0);
  if (point <= 0) return joinDecimal(sign, '0', '0'.repeat(-point) + digits);
  if (point >= digits.length) return joinDecimal(sign, digits + '0'.repeat(point - digits.length), '');
  return joinDecimal(sign, digits.slice(0, point), digits.slice(point));
}

interface Decimal {
  sign: '' | '-';
  whole: string;
  /** Without trailing zeros. */
  fraction: string;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * `-?digits(.digits?)?` read in one pass, or null. A cell's value comes from the user's file, so no
 * backtracking pattern reads it: `/^(-?)(\d+)(?:\.(\d*?)0*)?$/` took seconds on `1.` and 10,000 zeros then `x`.
 */
function plainDecimal(raw: string): Decimal | null {
  const sign = raw.startsWith('-') ? '-' : '';
  let i = sign.length;
  const wholeStart = i;
  while (i < raw.length && isDigit(raw.charCodeAt(i))) i++;
  if (i === wholeStart) return null;
  const whole = raw.slice(wholeStart, i);
  if (i === raw.length) return { sign, whole, fraction: '' };
  if (raw[i] !== '.') return null;
  const fractionStart = ++i;
  while (i < raw.length && isDigit(raw.charCodeAt(i))) i++;
  if (i !== raw.length) return null;
  let end = raw.length;
  while (end > fractionStart && raw[end - 1] === '0') end--;
  return { sign, whole, fraction: raw.slice(fractionStart, end) };
}

/** Sign, whole part without leading zeros, fraction without trailing zeros; zero has no sign. */
function joinDecimal(sign: string, whole: string, fraction: string): string {
  let start = 0;
  while (start < whole.length - 1 && whole[start] === '0') start++;
  let end = fraction.length;
  while (end > 0 && fraction[end - 1] === '0') end--;
  const w = whole.slice(start);
  const f = fraction.slice(0, end);
  if (w === '0' && !f) return '0';
  return sign + w + (f ? `.${f}` : '');
}
