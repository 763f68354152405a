// CSV as RFC 4180 writes it, safe to open in a spreadsheet. Audit fields hold text users typed
// (labels, emails tried at sign-in), so a value such as `=HYPERLINK(...)` must reach the
// spreadsheet as text, not as a formula: a leading apostrophe is how spreadsheets mark that.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: formula starts neutralised, then quoted if it holds a comma, quote or line break. */
export function csvField(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
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
