import { z } from 'zod';

export const idSchema = z.uuid('v_invalid');

/** Whether a string is one of our ids (path segments, cursor keys). */
export const isId = (value: string) => idSchema.safeParse(value).success;

/** Optional text from a form or JSON: trimmed, empty allowed. */
export const optionalText = (max: number) =>
	z.string('v_invalid').trim().max(max, 'v_too_long').default('');

export const requiredText = (min: number, max: number) =>
	z
		.string('v_required')
		.trim()
		.min(min, min <= 1 ? 'v_required' : 'v_too_short')
		.max(max, 'v_too_long');

/** A form sends one value per key, several, or none (no box ticked): all read as a list. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
	z
		.union([item, z.array(item)], 'v_invalid')
		.optional()
		.transform((v): z.infer<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const idList = oneOrMany(idSchema);

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
