import { checkLetter } from '../../src/lib/shared/codice-fiscale';

const DAY = 86_400_000;
const from = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const KINDS = ['information', 'proposals', 'supports', 'voting', 'results'] as const;

/** The five phases, ten days each, with `current` begun yesterday (for a consultation's body). */
export function phasesAround(current: (typeof KINDS)[number]) {
	const at = KINDS.indexOf(current);
	return KINDS.map((kind, i) => ({
		kind,
		startsAt: from((i - at) * 10 - 1),
		endsAt: from((i - at) * 10 + 9)
	}));
}

/** A made-up codice fiscale with its right check letter, different for each `n` (< 676). */
export function codiceFiscale(n: number): string {
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	const body = `${letters[n % 26]}${letters[Math.floor(n / 26) % 26]}XMRA80A01H501`;
	return body + checkLetter(body);
}
