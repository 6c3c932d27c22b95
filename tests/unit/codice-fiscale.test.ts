// The codice fiscale's check letter, computed by hand for one code and checked on others.
import { describe, expect, it } from 'vitest';
import { checkLetter, normaliseCodiceFiscale } from '$lib/shared/codice-fiscale';
import { normalisePersonKey } from '$lib/shared/person-key';

describe('codice fiscale', () => {
	it('computes the check letter as the Agenzia delle Entrate does', () => {
		// R S S M R A 8 5 T 1 0 A 5 6 2: odd places R S R 8 T 0 5 2 → 8+12+8+19+14+1+13+5 = 80;
		// even places S M A 5 1 A 6 → 18+12+0+5+1+0+6 = 42; 122 mod 26 = 18 → S.
		expect(checkLetter('RSSMRA85T10A562')).toBe('S');
		expect(normaliseCodiceFiscale('rss mra 85t10 a562s')).toBe('RSSMRA85T10A562S');
	});

	it('refuses a wrong check letter, a wrong shape or length', () => {
		expect(normaliseCodiceFiscale('RSSMRA85T10A562T')).toBeNull();
		expect(normaliseCodiceFiscale('RSSMRA85T10A562')).toBeNull();
		expect(normaliseCodiceFiscale('1SSMRA85T10A562S')).toBeNull();
		expect(normaliseCodiceFiscale('')).toBeNull();
	});

	it('accepts a code with omocodia (digits replaced by letters), checked as written', () => {
		// The last digit 2 of the place code replaced by its letter N.
		const first15 = 'RSSMRA85T10A56N';
		expect(normaliseCodiceFiscale(`${first15}${checkLetter(first15)}`)).toBe(
			`${first15}${checkLetter(first15)}`
		);
	});

	it('as a person key: a typo in the check letter is refused, not another person', () => {
		expect(normalisePersonKey('RSSMRA85T10A562S')).toBe('cf:RSSMRA85T10A562S');
		expect(normalisePersonKey('RSSMRA85T10A562T')).toBeNull();
		expect(normalisePersonKey('+39 333 123 4567')).toBe('tel:3331234567');
	});
});
