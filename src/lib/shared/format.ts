/**
 * Dates and times as people read them, in their language, the same on the server and in the
 * browser: every format names its time zone, so a page rendered in Rome does not change its
 * text when a browser elsewhere hydrates it.
 */

/** The network's time zone: Rete serves Italian neighbourhoods. */
export const TIME_ZONE = 'Europe/Rome';

// English readers here live in Italy: day before month ("10/12/2026"), a 24-hour clock.
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);

const cache = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions) {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = cache.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options });
		cache.set(key, format);
	}
	return format;
}

type Moment = Date | string | number;
const toDate = (value: Moment) => (value instanceof Date ? value : new Date(value));

/** A day, compact: "10/12/2026". */
export const formatDate = (value: Moment, locale: string) =>
	dateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
		toDate(value)
	);

/** A day and its time: "10 dic 2026, 14:05". */
export const formatDateTime = (value: Moment, locale: string) =>
	dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));

/** The time of day only, for what happened today (a chat message): "14:05". */
export const formatTime = (value: Moment, locale: string) =>
	dateTimeFormat(locale, { timeStyle: 'short' }).format(toDate(value));

/** The calendar day (YYYY-MM-DD) a moment falls on in the network's time zone. */
export const dayOf = (value: Moment) =>
	dateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
		toDate(value)
	);

/**
 * A calendar day stored without a time ("2026-12-10", a need's due date) as a sentence's date:
 * "martedì 10 dicembre", with the year when it is not this year's. It is read as that day
 * wherever the reader is: formatted at noon UTC in UTC, it never moves to the day before.
 */
export function formatDueDate(day: string, locale: string, now: Moment = Date.now()): string {
	const [year, month, date] = day.split('-').map(Number);
	if (!year || !month || !date) return day;
	const thisYear = Number(dayOf(now).slice(0, 4));
	const options: Intl.DateTimeFormatOptions = {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: 'UTC',
		...(year === thisYear ? {} : { year: 'numeric' })
	};
	return new Intl.DateTimeFormat(intlLocale(locale), options).format(
		new Date(Date.UTC(year, month - 1, date, 12))
	);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 86_400_000],
	['month', 30 * 86_400_000],
	['week', 7 * 86_400_000],
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000]
];

/** How long ago or how soon, in the largest whole unit: "2 ore fa", "tra 3 giorni", "ora". */
export function formatRelative(value: Moment, locale: string, now: Moment = Date.now()): string {
	const diff = toDate(value).getTime() - toDate(now).getTime();
	const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
	for (const [unit, ms] of units) {
		const amount = Math.trunc(diff / ms);
		if (amount !== 0) return format.format(amount, unit);
	}
	return format.format(0, 'second');
}

/** The offset (ms) of the network's time zone from UTC at a moment. */
function zoneOffset(at: number): number {
	const parts = dateTimeFormat('en-GB', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(at));
	const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
}

/**
 * A form's local time ("2026-03-14T09:30", a `datetime-local` field) read on the network's clock:
 * the moment it names in Rome, summer time or not.
 */
export function fromNetworkTime(local: string): Date {
	const [day, time = '00:00'] = local.split('T');
	const [y, m, d] = day.split('-').map(Number);
	const [hh, mm] = time.split(':').map(Number);
	const wall = Date.UTC(y, m - 1, d, hh, mm);
	// The offset at the wall time, then again at the moment found (they differ across a change).
	const first = wall - zoneOffset(wall);
	return new Date(wall - zoneOffset(first));
}

/** A moment as a `datetime-local` field shows it, on the network's clock: "2026-03-14T09:30". */
export function toNetworkTime(value: Moment): string {
	const at = toDate(value).getTime();
	return new Date(at + zoneOffset(at)).toISOString().slice(0, 16);
}

/** The month ("2026-12") a moment falls in, in the network's time zone. */
export const monthOf = (value: Moment) => dayOf(value).slice(0, 7);

/** A month's first moment, the next one's, and the months either side ("2026-12"). */
export function monthBounds(month: string) {
	const [y, mo] = month.split('-').map(Number);
	const shift = (by: number) => {
		const d = new Date(Date.UTC(y, mo - 1 + by, 1));
		return d.toISOString().slice(0, 7);
	};
	return {
		from: fromNetworkTime(`${month}-01T00:00`),
		to: fromNetworkTime(`${shift(1)}-01T00:00`),
		previous: shift(-1),
		next: shift(1)
	};
}

/** A month as a heading: "dicembre 2026". */
export const formatMonth = (month: string, locale: string) =>
	dateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(
		new Date(`${month}-15T12:00:00Z`)
	);

/** The days of the week from Monday, short: "lun", "mar"… */
export const weekdayNames = (locale: string) =>
	Array.from({ length: 7 }, (_, i) =>
		dateTimeFormat(locale, { weekday: 'short' }).format(new Date(Date.UTC(2026, 10, 30 + i, 12)))
	);
