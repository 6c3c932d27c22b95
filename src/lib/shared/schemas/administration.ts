import { z } from 'zod';
import { idSchema, requiredText } from './common';

export const skillSchema = z.object({ name: requiredText(2, 80) });

export const categorySchema = z.object({
	id: z
		.string('v_required')
		.trim()
		.toLowerCase()
		.regex(/^[a-z][a-z0-9_]{1,39}$/, 'v_slug'),
	labelIt: requiredText(2, 80),
	labelEn: requiredText(2, 80),
	/** How long a claim on a need of this category holds unless extended. */
	claimHours: z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(1, 'v_invalid')
		.max(720, 'v_invalid')
		.default(72)
});

export const administratorSchema = z.object({
	userId: idSchema,
	isAdmin: z
		.union([z.boolean(), z.literal('true'), z.literal('false')], 'v_invalid')
		.transform((v) => v === true || v === 'true')
});
