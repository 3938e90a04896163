/** Characters that make Excel, LibreOffice or WPS read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Makes a value safe to put in an exported spreadsheet or CSV cell: a string that would start a formula
 * (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`) gets a leading `'`, so the program shows it as text instead of
 * running it. Numbers, booleans, dates and null pass unchanged; so a negative amount stays a number.
 */
export function escapeCell<T>(value: T): T | string {
  if (typeof value !== 'string' || value.length === 0) return value;
  return FORMULA_START.has(value[0]!) ? `'${value}` : value;
}
