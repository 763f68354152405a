// CSV as RFC 4180 writes it, safe to open in a spreadsheet. Audit fields hold text anyone can
// type (labels, the email tried at a failed sign-in), so a value such as `=HYPERLINK(...)` must
// reach the spreadsheet as text, not as a formula: a leading apostrophe is how spreadsheets mark that.

export type CsvValue = string | number | boolean | null | undefined;

// Spreadsheets skip what looks like nothing before deciding a cell is a formula: spaces of every
// kind (non-breaking, ideographic, U+2000..), zero-width and other format characters (ZWSP, ZWJ,
// word joiner, BOM, bidi marks, soft hyphen) and control characters. After any run of those, a
// formula starts with = + - @ or their full-width and small forms, or a minus sign. A field that
// starts with a tab or a line break is neutralised as it is (some programs read it as a new cell).
const IGNORED = String.raw`[\s\p{Z}\p{Cf}\p{Cc}]`;
const FORMULA_SIGN = '[=+\\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]';
const FORMULA_START = new RegExp(`^(?:[\\t\\r\\n]|${IGNORED}*${FORMULA_SIGN})`, 'u');
// Quoted when it holds a delimiter any common reader splits on (comma, semicolon, tab), a quote or a line break.
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** True when a spreadsheet would evaluate the text as a formula (or split it into cells). */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One field: formula starts neutralised, then quoted if it holds a delimiter, quote or line break. */
export function csvField(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (isFormulaLike(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF line ending. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole document: a header record, then one record per row. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvRow(header) + rows.map(csvRow).join('');
}
