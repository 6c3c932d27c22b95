import { z } from 'zod';
import { auditKindNames } from '../audit';
import { idList, idSchema, listQuerySchema, requiredText, whenObject } from './common';

export const skillSchema = z.object({ name: requiredText(2, 80) });

export const categorySchema = z.object({
	id: z
		.string('v_required')
		.trim()
		.toLowerCase()
		.min(1, 'v_required')
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

/** A target group: a slug like a category's, and its names. */
export const targetGroupSchema = categorySchema.pick({ id: true, labelIt: true, labelEn: true });

/** The skills a category calls for: every one at once, from checkboxes or JSON. */
export const categorySkillsSchema = z.object({
	categoryId: z.string('v_required').trim().min(1, 'v_required').max(40, 'v_invalid'),
	skillIds: idList
});

export const administratorSchema = z.object({
	userId: idSchema,
	isAdmin: z
		.union([z.boolean(), z.literal('true'), z.literal('false')], 'v_invalid')
		.transform((v) => v === true || v === 'true')
});

// A filter form sends every field, the unused ones empty: an empty field filters nothing.
const unlessEmpty = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The audit log's filters: who acted, what kind of action, from and to which day. */
export const auditQuerySchema = listQuerySchema
	.extend({
		who: unlessEmpty(idSchema),
		what: unlessEmpty(z.enum(auditKindNames, 'v_invalid')),
		from: unlessEmpty(z.iso.date('v_date')),
		to: unlessEmpty(z.iso.date('v_date'))
	})
	.refine((v) => !v.from || !v.to || v.from <= v.to, {
		message: 'fmt_v_date_order',
		path: ['to'],
		...whenObject
	});

export type AuditQuery = z.infer<typeof auditQuerySchema>;
