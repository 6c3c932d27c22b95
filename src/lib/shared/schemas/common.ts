import { z } from 'zod';

/**
 * For a refinement that must run even when other fields failed (so every message shows at
 * once), but never on input that is not an object at all.
 */
export const whenObject = {
	when: (payload: { value: unknown }) => payload.value !== null && typeof payload.value === 'object'
} as const;

export const idSchema = z.uuid('v_invalid');

/** Whether a string is one of our ids (path segments, cursor keys). */
export const isId = (value: string) => idSchema.safeParse(value).success;

// Embedding and override controls make text read differently from how it is stored (a name
// that shows reversed, a title hiding a link). Marks (U+200E, U+200F) stay: they are harmless.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// Spaces, format characters (zero-width ones, soft hyphen, BOM, tags) and the blank letters
// (Hangul fillers, braille blank, combining grapheme joiner, variation selectors).
// Listing combining and filler characters one by one is the point here, not a slip.
const INVISIBLE =
	// eslint-disable-next-line no-misleading-character-class
	/[\p{White_Space}\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180E\u2800\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

export const hasBidiControl = (text: string) => BIDI_CONTROLS.test(text);
/** Text that shows nothing: not empty, yet nothing left once invisible characters are gone. */
export const isInvisibleOnly = (text: string) => text !== '' && text.replace(INVISIBLE, '') === '';

/** A string people will read: no direction overrides, and not made only of invisible characters. */
export const readable = <S extends z.ZodString>(schema: S) =>
	schema
		.refine((v) => !hasBidiControl(v), 'v_bidi_control')
		.refine((v) => !isInvisibleOnly(v), 'v_invisible_only');

/** Optional text from a form or JSON: trimmed, empty allowed. */
export const optionalText = (max: number) =>
	readable(z.string('v_invalid').trim()).max(max, 'v_too_long').default('');

/**
 * Text that must be given. Nothing at all says "required", not "too short": the first issue of
 * a field is the one shown, and zod runs every check.
 */
export const requiredText = (min: number, max: number) =>
	readable(z.string('v_required').trim())
		.min(1, 'v_required')
		.min(min, 'v_too_short')
		.max(max, 'v_too_long');

/** A form sends one value per key, several, or none (no box ticked): all read as a list. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
	z
		.union([item, z.array(item)], 'v_invalid')
		.optional()
		.transform((v): z.infer<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const idList = oneOrMany(idSchema);

/**
 * A filter of a query string: an empty value, as a form's "any" choice sends it, is no filter.
 * Forms and the API read it alike (`?category=&q=spesa` searches every category).
 */
export const queryFilter = <T extends z.ZodType>(schema: T) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		schema.optional()
	);

export const listQuerySchema = z.object({
	limit: z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(1, 'v_invalid')
		.max(100, 'v_invalid')
		.default(20),
	cursor: z.string('v_invalid').max(200, 'v_invalid').optional()
});

export const websiteSchema = z
	.string('v_invalid')
	.trim()
	.max(300, 'v_too_long')
	.refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), 'v_url')
	.default('');

export const optionalEmailSchema = z
	.string('v_invalid')
	.trim()
	.toLowerCase()
	.max(254, 'v_too_long')
	.refine((v) => v === '' || z.email().safeParse(v).success, 'v_email')
	.default('');

export const phoneSchema = z
	.string('v_invalid')
	.trim()
	.max(40, 'v_too_long')
	.refine((v) => v === '' || /^\+?[0-9 ()./-]{5,}$/.test(v), 'v_phone')
	.default('');
