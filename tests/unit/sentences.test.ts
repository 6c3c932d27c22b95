import { describe, expect, it } from 'vitest';
import { m } from '../../src/lib/paraglide/messages';
import { auditActions } from '../../src/lib/shared/audit';

const it_ = { locale: 'it' } as const;
const en = { locale: 'en' } as const;

describe('counts with their noun', () => {
	it('agrees in Italian', () => {
		expect(m.need_slots_left({ left: 1, capacity: 1 }, it_)).toBe('1 posto libero su 1');
		expect(m.need_slots_left({ left: 0, capacity: 2 }, it_)).toBe('0 posti liberi su 2');
		expect(m.need_helpers_count({ taken: 0, capacity: 3 }, it_)).toBe('0 persone su 3');
		expect(m.need_helpers_count({ taken: 1, capacity: 3 }, it_)).toBe('1 persona su 3');
		expect(m.stale_since({ days: 1 }, it_)).toBe('Nessuna attività da 1 giorno');
		expect(m.presence_others_looking({ count: 1 }, it_)).toBe(
			"Un'altra persona sta guardando questa richiesta."
		);
		expect(m.error_rate_limited_retry({ minutes: 1 }, it_)).toBe(
			'Troppi tentativi. Riprova tra 1 minuto.'
		);
	});

	it('agrees in English', () => {
		expect(m.need_slots_left({ left: 1, capacity: 1 }, en)).toBe('1 place free of 1');
		expect(m.need_helpers_count({ taken: 0, capacity: 1 }, en)).toBe('0 of 1 helper');
		expect(m.need_helpers_count({ taken: 2, capacity: 3 }, en)).toBe('2 of 3 helpers');
		expect(m.channels_unread({ count: 1 }, en)).toBe('1 unread message');
		expect(m.category_claim_hours_value({ hours: 72 }, en)).toBe('claims last 72 hours');
	});

	it('never falls back to the message key', () => {
		// A large count is "many" in Italian's rules: it must still read as a sentence.
		expect(m.presence_board_looking({ count: 1_000_000 }, it_)).toBe(
			'1000000 persone stanno guardando'
		);
	});
});

describe('the audit log', () => {
	it('has a sentence for every action it records, in both languages', () => {
		const messages = m as unknown as Record<string, unknown>;
		const missing = auditActions
			.map((action) => `fmt_audit_${action.replace('.', '_')}`)
			.filter((key) => typeof messages[key] !== 'function');
		expect(missing).toEqual([]);
	});
});
