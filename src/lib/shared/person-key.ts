const CODICE_FISCALE =
	/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/**
 * A person's key in one canonical form, so that the same person is recognised however it was
 * typed: a codice fiscale upper-cased without spaces ("cf:…"), or a phone number as digits with
 * the Italian prefix dropped ("tel:…"). Null when it is neither.
 */
export function normalisePersonKey(raw: string): string | null {
	const compact = raw.replace(/[\s.\-/()]/g, '').toUpperCase();
	if (CODICE_FISCALE.test(compact)) return `cf:${compact}`;
	const phone = compact.replace(/^(\+|00)39(?=\d{6,})/, '').replace(/^\+|^00/, '');
	if (/^\d{6,15}$/.test(phone)) return `tel:${phone}`;
	return null;
}
