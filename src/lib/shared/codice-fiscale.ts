/**
 * The Italian codice fiscale, checked as the Agenzia delle Entrate computes it (DM 23/12/1976):
 * 16 characters whose last is a check letter over the first 15. Digits may be replaced by
 * letters (omocodia: L M N P Q R S T U V for 0–9) where two people would share a code; the
 * check covers those too. Used to tie one account to one person (consultations: one person,
 * one vote) and as a person key.
 */
/** The shape alone (letters and digits in their places), before the check letter is checked. */
export const CODICE_FISCALE_SHAPE =
	/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

// The value of each character in an odd place (1st, 3rd…, counting from one); digits as the
// letters of the same rank (0 as A, 1 as B…).
const ODD = [
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
];

const rank = (c: string) => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65);

/** The check letter of a code's first 15 characters. */
export function checkLetter(first15: string): string {
	let sum = 0;
	for (let i = 0; i < 15; i++) {
		const r = rank(first15[i]);
		sum += i % 2 === 0 ? ODD[r] : r;
	}
	return String.fromCharCode(65 + (sum % 26));
}

/** The code upper-cased without spaces when it is a well-formed codice fiscale, else null. */
export function normaliseCodiceFiscale(raw: string): string | null {
	const code = raw.replace(/[\s.\-/]/g, '').toUpperCase();
	if (!CODICE_FISCALE_SHAPE.test(code)) return null;
	return checkLetter(code.slice(0, 15)) === code[15] ? code : null;
}
