/**
 * fast-check arbitraries for the inputs these schemas read, for property-based tests only (no
 * app code imports this file; fast-check is a dev dependency). No maintained bridge turns zod 4
 * schemas into arbitraries, so they are written here, beside the schemas, by field name: each
 * field gets values that look valid and values an attacker would send (wrong types, `null`,
 * deep and huge values, odd Unicode, long strings, numbers out of range, extra keys).
 */
import fc from 'fast-check';
import { channelKinds } from './channels';
import { contactMeans, contactResults } from './contacts';
import { claimRules, needOutcomes, needStatuses, needVisibilities, urgencies } from './needs';
import { memberRoles, organisationKinds } from './orgs';

/** Characters that have broken or fooled parsers: NUL, controls, bidi, zero-width, surrogates. */
const oddCharacters = [
	'\u0000',
	'\u0001',
	'\u0008',
	'\u001b',
	'\u007f',
	'\u00ad',
	'\u200b',
	'\u200c',
	'\u200d',
	'\u200e',
	'\u200f',
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2060',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u3164',
	'\ufeff',
	'\ufffd',
	'\ud800', // lone surrogates
	'\udfff',
	'\ud83d\ude00',
	'e\u0301',
	'\u0130',
	'ß',
	'\n',
	'\r\n',
	'\t',
	' ',
	'%',
	'%00',
	'\\',
	'"',
	"'",
	'<',
	'>',
	'&',
	'-',
	'!',
	'|',
	':',
	'*',
	'(',
	')',
	'$',
	'{',
	'}',
	'[',
	']',
	'/',
	'..',
	'?',
	'#',
	'@'
];

/** Short fragments that mean something to SQL, HTML, tsquery or our own parsers. */
const fragments = [
	"' or 1=1 --",
	'<script>alert(1)</script>',
	'--',
	'- - - -',
	'"unterminated',
	'a & b | !c',
	'__proto__',
	'constructor',
	'../../etc/passwd',
	'javascript:alert(1)',
	'https://example.org/needs/00000000-0000-0000-0000-000000000000',
	'00000000-0000-0000-0000-000000000000',
	'ffffffff-ffff-ffff-ffff-ffffffffffff',
	'NaN',
	'Infinity',
	'-1',
	'1e308',
	'true',
	'null',
	'on',
	'',
	'RSSMRA80A01H501U',
	'+39 333 1234567'
];

export const oddCharacter = fc.constantFrom(...oddCharacters);

/** Any text, from plausible words to hostile strings and very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{
		weight: 3,
		arbitrary: fc
			.array(fc.oneof(oddCharacter, fc.constantFrom(...fragments), fc.string({ maxLength: 5 })), {
				maxLength: 30
			})
			.map((parts) => parts.join(''))
	},
	{ weight: 2, arbitrary: fc.constantFrom(...fragments) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(
				fc.constantFrom('x', '-', '- ', '\u200b', 'é', '😀', 'a '),
				fc.oneof(fc.nat({ max: 300 }), fc.constantFrom(1001, 4001, 6000))
			)
			.map(([unit, n]) => unit.repeat(n))
	}
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(0, -0, -1, 1, 2, 100, 101, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308)
);

/**
 * Any JSON value, with deep nesting and huge arrays among them (rarely: they are slow to send,
 * and one of each per few dozen calls finds what they can find).
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		{ weight: 3, arbitrary: fc.constant(null) },
		{ weight: 2, arbitrary: fc.boolean() },
		{ weight: 3, arbitrary: hostileNumber },
		{ weight: 6, arbitrary: hostileString },
		{ weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
		{
			weight: 2,
			arbitrary: fc.dictionary(
				fc.oneof(hostileString, fc.constantFrom(...fragments)),
				tie('value'),
				{
					maxKeys: 5
				}
			)
		},
		{
			weight: 1,
			arbitrary: fc.oneof(fc.nat({ max: 40 }), fc.constantFrom(200, 3000)).map(deepValue)
		},
		{
			weight: 1,
			arbitrary: fc.constantFrom(101, 1000, 20_000).map((n) => Array.from({ length: n }, () => 1))
		}
	)
})).value;

function deepValue(depth: number): unknown {
	let value: unknown = 'bottom';
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
	return value;
}

/** Ids: real ones the test knows, random ones, and things that are not ids at all. */
export const idValue = (known: readonly string[]) =>
	fc.oneof(
		{ weight: 4, arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid() },
		{ weight: 2, arbitrary: fc.uuid() },
		{ weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
		{ weight: 2, arbitrary: hostileString }
	);

const words = fc
	.array(fc.constantFrom('spesa', 'farmaci', 'visita', 'Anna', 'via Roma', 'città', 'help', 'ok'), {
		minLength: 1,
		maxLength: 6
	})
	.map((w) => w.join(' '));

const isoDate = fc
	.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));

/**
 * Values that look right for each field name our schemas use (the known ids are passed in).
 * A field not listed here gets plausible words.
 */
export function plausibleFields(ids: readonly string[]): Record<string, fc.Arbitrary<unknown>> {
	const id = idValue(ids);
	const oneOf = (values: readonly string[]) => fc.constantFrom(...values);
	return {
		title: words,
		description: words,
		body: words,
		name: words,
		reason: words,
		note: words,
		message: words,
		contact: fc.constantFrom('+39 333 1234567', 'citofono Rossi', ''),
		approxLocation: words,
		category: fc.constantFrom('food', 'health', 'transport', 'unknown'),
		urgency: oneOf(urgencies),
		visibility: oneOf(needVisibilities),
		claimRule: oneOf(claimRules),
		status: oneOf(needStatuses),
		outcome: oneOf(needOutcomes),
		kind: oneOf([...organisationKinds, ...channelKinds]),
		role: oneOf(memberRoles),
		means: oneOf(contactMeans),
		result: oneOf(contactResults),
		decision: fc.constantFrom('verify', 'reject', 'accept', 'decline', 'approve'),
		locale: fc.constantFrom('it', 'en', 'de'),
		email: fc.constantFrom('someone@example.org', 'not-an-email', 'a@b'),
		emails: fc.constantFrom('someone@example.org', 'a@example.org, b@example.org'),
		password: fc.constantFrom('short', 'a long enough pass phrase'),
		currentPassword: fc.constantFrom('wrong pass phrase'),
		newPassword: fc.constantFrom('another long pass phrase'),
		capacity: fc.integer({ min: -2, max: 120 }),
		seq: fc.integer({ min: -2, max: 1000 }),
		limit: fc.integer({ min: -1, max: 120 }),
		cursor: fc.oneof(hostileString, fc.constant('MjAyNi0wMS0wMXwx')),
		dueDate: isoDate,
		accept: fc.boolean(),
		allowDuplicate: fc.boolean(),
		isAdmin: fc.boolean(),
		personKey: fc.constantFrom('RSSMRA80A01H501U', '+39 333 1234567', 'nope'),
		website: fc.constantFrom('https://example.org', 'ftp://x', ''),
		contactEmail: fc.constantFrom('info@example.org', 'x'),
		contactPhone: fc.constantFrom('+39 02 123456', 'abc'),
		labelIt: words,
		labelEn: words,
		q: words,
		clientId: fc.constantFrom('c-1', 'c:2', 'bad id'),
		duplicateOf: id,
		parts: fc.array(fc.record({ title: words, capacity: fc.integer({ min: 0, max: 3 }) }), {
			maxLength: 3
		}),
		members: fc.array(id, { maxLength: 3 }),
		organisationIds: fc.array(id, { maxLength: 3 }),
		territoryIds: fc.array(id, { maxLength: 3 }),
		needIds: fc.array(id, { maxLength: 5 }),
		kinds: fc.array(fc.constantFrom('mention', 'claim', 'handover', 'nope'), { maxLength: 4 }),
		ids: fc.array(id, { maxLength: 3 }),
		allowSimilar: fc.boolean(),
		sort: fc.constantFrom('supports', 'newest', 'random', 'best'),
		seed: fc.constantFrom('visitor-1', 'x y', ''),
		state: fc.constantFrom('evaluating', 'accepted', 'rejected', 'published'),
		text: words,
		question: words,
		method: fc.constantFrom('single', 'approval', 'ranked', 'score', 'borda'),
		results: fc.constantFrom('always', 'after_vote', 'after_close', 'never'),
		anonymous: fc.boolean(),
		options: fc.array(words, { maxLength: 4 }),
		maxChoices: fc.integer({ min: -1, max: 25 }),
		opensAt: fc.constantFrom('2026-01-01T00:00:00Z', '2036-01-01T10:00', 'soon'),
		closesAt: fc.constantFrom('2036-01-01T00:00:00Z', '2020-01-01T10:00', 'never'),
		choices: fc.oneof(
			fc.array(id, { maxLength: 4 }),
			fc.array(fc.record({ optionId: id, score: fc.integer({ min: -1, max: 7 }) }), {
				maxLength: 4
			})
		),
		onBehalfOf: fc.record({
			personKey: fc.constantFrom('RSSMRA80A01H501U', 'nope'),
			consent: fc.constantFrom(true, false, 'yes')
		}),
		progress: fc.integer({ min: -5, max: 120 }),
		milestone: fc.record({ date: isoDate, text: words }),
		proposalId: id
	};
}

const idFields = /(^id$|Id$)/;

/** One field's value: plausible most of the time, hostile otherwise. */
function fieldValue(
	key: string,
	plausible: Record<string, fc.Arbitrary<unknown>>,
	ids: readonly string[]
) {
	const good = plausible[key] ?? (idFields.test(key) ? idValue(ids) : words);
	return fc.oneof({ weight: 3, arbitrary: good }, { weight: 2, arbitrary: hostileValue });
}

/**
 * A JSON body for a schema with these keys: the keys with plausible or hostile values, some left
 * out, some extra; or no object at all.
 */
export function bodyArbitrary(keys: readonly string[], ids: readonly string[]) {
	const plausible = plausibleFields(ids);
	const record = fc.record(
		Object.fromEntries(keys.map((k) => [k, fieldValue(k, plausible, ids)])),
		{ requiredKeys: [] }
	);
	const extra = fc.dictionary(
		fc.oneof(hostileString, fc.constantFrom(...fragments)),
		hostileValue,
		{
			maxKeys: 3
		}
	);
	return fc.oneof(
		{ weight: 6, arbitrary: record },
		{ weight: 2, arbitrary: fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r })) },
		{ weight: 2, arbitrary: hostileValue }
	);
}

/** Query parameters (and form fields): every value a string, as on the wire. */
export function paramsArbitrary(keys: readonly string[], ids: readonly string[]) {
	const plausible = plausibleFields(ids);
	const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
	const entry = (k: string) =>
		fc
			.oneof(
				{ weight: 3, arbitrary: fieldValue(k, plausible, ids).map(asText) },
				{ weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) }
			)
			.map((v) => (Array.isArray(v) ? v : [v]));
	return fc.record(Object.fromEntries(keys.map((k) => [k, entry(k)])), { requiredKeys: [] });
}

/** A path segment: a known id, another id, or text that is no id (encoded or raw). */
export const segmentArbitrary = (ids: readonly string[]) =>
	fc.oneof(
		{ weight: 5, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.uuid() },
		{ weight: 2, arbitrary: fc.uuid() },
		{ weight: 2, arbitrary: hostileString.map(encodeLoosely) },
		{ weight: 1, arbitrary: fc.constantFrom('%00', '%ZZ', '%ED%A0%80', '..', 'mine', '%2F') }
	);

/**
 * Percent-encodes text, lone surrogates included (as the invalid UTF-8 a client could send),
 * which `encodeURIComponent` refuses.
 */
export function encodeLoosely(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code >= 0xd800 && code <= 0xdfff)
			out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
		else out += encodeURIComponent(char);
	}
	return out;
}

/** A query string from parameters made by `paramsArbitrary`. */
export const queryString = (params: Record<string, string[]>) =>
	Object.entries(params)
		.flatMap(([k, vs]) => vs.map((v) => `${encodeLoosely(k)}=${encodeLoosely(v)}`))
		.join('&');
