/**
 * CSV for spreadsheets (RFC 4180): CRLF line ends, separated by what the reader's spreadsheet
 * expects (Excel and LibreOffice in Italian split on semicolons, in English on commas), a UTF-8 byte order mark so
 * that Excel reads accents right. Text that a spreadsheet would take for a formula (starting
 * with = + - @, a tab or a carriage return) is prefixed with a quote: a need's title is typed by
 * anyone, and must never run in an operator's spreadsheet.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/** The separator a spreadsheet in this language splits columns on. */
export const csvSeparator = (locale: string) => (locale === 'it' ? ';' : ',');

export function csvCell(value: CsvCell): string {
	if (value === null) return '';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: CsvCell[][], separator = ','): string {
	return `\uFEFF${rows.map((row) => row.map(csvCell).join(separator)).join('\r\n')}\r\n`;
}

/** A file name of plain ASCII letters, digits and dashes ("Caritas Città" → "caritas-citta"). */
export function fileSlug(text: string): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return slug || 'export';
}
