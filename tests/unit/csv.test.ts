import { describe, expect, it } from 'vitest';
import { csvCell, csvSeparator, fileSlug, toCsv } from '../../src/lib/server/csv';

describe('CSV cells', () => {
	it.each([
		['Spesa per Elda', 'Spesa per Elda'],
		['Pane, latte', '"Pane, latte"'],
		['Pane; latte', '"Pane; latte"'],
		['Il "solito" pane', '"Il ""solito"" pane"'],
		['Riga uno\nriga due', '"Riga uno\nriga due"'],
		['a\r\nb', '"a\r\nb"'],
		[' spazio davanti', '" spazio davanti"'],
		// What a spreadsheet would run is text again.
		['=1+1', "'=1+1"],
		['+39 333', "'+39 333"],
		['-10 euro', "'-10 euro"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\t=1', "'\t=1"],
		['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
		['', ''],
		[null, ''],
		[3, '3'],
		[-1, '-1']
	])('%j → %s', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});

	it('makes a file with a BOM and CRLF line ends', () => {
		expect(
			toCsv([
				['a', 'b'],
				['c, d', 1]
			])
		).toBe('\uFEFFa,b\r\n"c, d",1\r\n');
	});

	it('splits on semicolons for an Italian spreadsheet', () => {
		expect(toCsv([['a', 'b; c']], csvSeparator('it'))).toBe('\uFEFFa;"b; c"\r\n');
		expect(csvSeparator('en')).toBe(',');
	});

	it('names files in plain ASCII', () => {
		expect(fileSlug('Caritas, "Città" di Borgo')).toBe('caritas-citta-di-borgo');
		expect(fileSlug('—')).toBe('export');
	});
});
