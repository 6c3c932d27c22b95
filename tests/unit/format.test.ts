import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDueDate,
	formatRelative,
	formatTime
} from '../../src/lib/shared/format';

const now = Date.parse('2026-12-07T10:00:00Z');

describe('dates as people read them', () => {
	it('shows a due date as its day, in words, never the day before', () => {
		expect(formatDueDate('2026-12-10', 'it', now)).toBe('giovedì 10 dicembre');
		expect(formatDueDate('2026-12-10', 'en', now)).toBe('Thursday 10 December');
		// Another year says which; the first of a month stays the first wherever it is read.
		expect(formatDueDate('2027-01-01', 'it', now)).toBe('venerdì 1 gennaio 2027');
	});

	it("tells moments in the network's time zone, whatever the machine's", () => {
		// 23:30 in London is already the next day in Rome.
		expect(formatDateTime('2026-12-10T23:30:00Z', 'it')).toBe('11 dic 2026, 00:30');
		expect(formatTime('2026-12-10T23:30:00Z', 'en')).toBe('00:30');
		// English readers here get the day before the month.
		expect(formatDate('2026-12-10T12:00:00Z', 'en')).toBe('10/12/2026');
		expect(formatDate('2026-12-10T12:00:00Z', 'it')).toBe('10/12/2026');
	});

	it('says how long ago or how soon in the largest whole unit', () => {
		expect(formatRelative(now - 2 * 3_600_000, 'it', now)).toBe('2 ore fa');
		expect(formatRelative(now + 3 * 86_400_000, 'it', now)).toBe('tra 3 giorni');
		expect(formatRelative(now - 86_400_000, 'it', now)).toBe('ieri');
		expect(formatRelative(now - 5_000, 'en', now)).toBe('now');
		expect(formatRelative(now - 60_000, 'en', now)).toBe('1 minute ago');
	});
});
