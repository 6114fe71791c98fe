/**
 * Text written into a spreadsheet cell (XLSX, CSV) that a spreadsheet would read as a formula:
 * starting with =, +, -, @, a tab or a carriage return (OWASP, "CSV injection"). Such text gets a
 * leading apostrophe, which spreadsheets show as text and do not evaluate: a citizen's comment
 * `=HYPERLINK("http://x")` stays a comment. Only user text goes through this: numbers are written
 * as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
