import { normaliseCodiceFiscale } from './codice-fiscale';

/**
 * A person's key in one canonical form, so that the same person is recognised however it was
 * typed: a codice fiscale (its check letter right) upper-cased without spaces ("cf:…"), or a phone number as digits with
 * the Italian prefix dropped ("tel:…"). Null when it is neither.
 */
export function normalisePersonKey(raw: string): string | null {
	const compact = raw.replace(/[\s.\-/()]/g, '').toUpperCase();
	// A codice fiscale whose check letter is wrong is a typo: it would be another person's key.
	const code = normaliseCodiceFiscale(compact);
	if (code) return `cf:${code}`;
	const phone = compact.replace(/^(\+|00)39(?=\d{6,})/, '').replace(/^\+|^00/, '');
	if (/^\d{6,15}$/.test(phone)) return `tel:${phone}`;
	return null;
}
