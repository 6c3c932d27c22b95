import { z } from 'zod';
import { consentSchema } from './privacy';
import {
	idSchema,
	listQuerySchema,
	optionalText,
	queryFilter,
	requiredText,
	whenObject
} from './common';
import { normalisePersonKey } from '../person-key';

export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export const needVisibilities = ['public', 'organisation'] as const;
/** Who may claim a need (see docs/trust.md). */
export const claimRules = ['anyone', 'trusted', 'organisation'] as const;
export const needStatuses = ['open', 'in_progress', 'fulfilled', 'closed'] as const;
export const needOutcomes = [
	'done',
	'done_by_others',
	'no_longer_needed',
	'duplicate',
	'unreachable'
] as const;

const optionalId = z
	.union([idSchema, z.literal(''), z.null()], 'v_invalid')
	.optional()
	.transform((v) => v || null);

const partSchema = z.object({
	title: requiredText(2, 140),
	capacity: z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(1, 'v_invalid')
		.max(100, 'v_invalid')
		.default(1),
	/** Only people whose profile has this skill may take the part (the qualification gate). */
	requiredSkillId: optionalId
});

export const createNeedSchema = z
	.object({
		title: requiredText(3, 140),
		description: requiredText(1, 4000),
		category: z.string('v_required').trim().min(1, 'v_required').max(40, 'v_invalid'),
		urgency: z.enum(urgencies, 'v_invalid').default('normal'),
		territoryId: optionalId,
		capacity: z.coerce
			.number('v_invalid')
			.int('v_invalid')
			.min(1, 'v_invalid')
			.max(100, 'v_invalid')
			.default(1),
		organisationId: optionalId,
		visibility: z.enum(needVisibilities, 'v_invalid').default('public'),
		/** Who may take it on; without it, organisations' needs go to trusted helpers, residents' to anyone. */
		claimRule: z
			.union([z.enum(claimRules, 'v_invalid'), z.literal('')], 'v_invalid')
			.optional()
			.transform((v) => v || undefined),
		contact: optionalText(1000),
		approxLocation: optionalText(140),
		dueDate: z
			.union([z.iso.date('v_date'), z.literal(''), z.null()], 'v_date')
			.optional()
			.transform((v) => v || null),
		/** Separately claimable pieces; without them the need is one part of `capacity` helpers. */
		parts: z.array(partSchema, 'v_invalid').max(10, 'v_too_many').optional(),
		allowDuplicate: z
			.union([z.boolean(), z.literal('true'), z.literal('on')], 'v_invalid')
			.optional()
			.transform((v) => v === true || v === 'true' || v === 'on'),
		/**
		 * Posting for someone else: the consent they gave to share their data (docs/privacy.md).
		 * Without it the contact stays with the organisation; a resident consents by posting.
		 */
		consent: consentSchema.nullish().transform((v) => v ?? null),
		/** The person helped (codice fiscale or phone): only its canonical form goes further. */
		personKey: z
			.string('v_invalid')
			.max(40, 'v_person_key')
			.optional()
			.transform((v, ctx) => {
				if (!v?.trim()) return null;
				const key = normalisePersonKey(v);
				if (!key) ctx.addIssue({ code: 'custom', message: 'v_person_key' });
				return key;
			})
	})
	.refine((v) => v.visibility === 'public' || v.organisationId !== null, {
		message: 'v_visibility_needs_organisation',
		path: ['visibility'],
		...whenObject
	})
	.refine((v) => v.consent === null || v.organisationId !== null, {
		message: 'v_consent_needs_organisation',
		path: ['consent'],
		...whenObject
	})
	.refine((v) => v.personKey === null || v.organisationId !== null, {
		message: 'v_person_key_needs_organisation',
		path: ['personKey'],
		...whenObject
	});

/** Editing: the need's own fields; parts and visibility stay as posted. */
export const updateNeedSchema = z.object({
	title: requiredText(3, 140),
	description: requiredText(1, 4000),
	category: z.string('v_required').trim().min(1, 'v_required').max(40, 'v_invalid'),
	urgency: z.enum(urgencies, 'v_invalid').default('normal'),
	territoryId: optionalId,
	contact: optionalText(1000),
	approxLocation: optionalText(140),
	dueDate: z
		.union([z.iso.date('v_date'), z.literal(''), z.null()], 'v_date')
		.optional()
		.transform((v) => v || null)
});

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export const completeNeedSchema = z
	.object({
		outcome: z.enum(needOutcomes, 'v_invalid'),
		// The original's id, or its page's address pasted whole: people copy links, not ids.
		duplicateOf: z
			.preprocess(
				(v) => (typeof v === 'string' ? (v.match(UUID_IN_TEXT)?.[0] ?? v.trim()).toLowerCase() : v),
				z.union([idSchema, z.literal('')], 'v_invalid')
			)
			.optional()
			.transform((v) => v || null),
		note: optionalText(1000)
	})
	.refine((v) => v.outcome !== 'duplicate' || v.duplicateOf !== null, {
		message: 'v_duplicate_of_required',
		path: ['duplicateOf'],
		...whenObject
	});

export const releaseClaimSchema = z.object({
	reason: optionalText(500)
});

/** A helper ends their own claim: the help was given, or they could not give it. */
export const finishClaimSchema = z.object({
	result: z.enum(['done', 'could_not'], 'v_invalid'),
	note: z.string('v_invalid').trim().max(1000, 'v_too_long').default('')
});

export const claimSchema = z.object({
	partId: z
		.union([idSchema, z.literal('')], 'v_invalid')
		.optional()
		.transform((v) => v || null)
});

export const boardSortSchema = z.enum(['urgency', 'newest', 'oldest'], 'v_invalid');

/** A status filter of the board; `all` is every status, as no filter is for the API. */
export const boardStatuses = [...needStatuses, 'all'] as const;

export const needsQuerySchema = z.object({
	status: queryFilter(z.enum(boardStatuses, 'v_invalid')),
	urgency: queryFilter(z.enum(urgencies, 'v_invalid')),
	sort: queryFilter(boardSortSchema),
	category: queryFilter(z.string('v_invalid').max(40, 'v_invalid')),
	territoryId: queryFilter(idSchema),
	q: queryFilter(z.string('v_invalid').trim().max(200, 'v_too_long'))
});

/** The board page's query: it opens on what still needs someone, the open needs. */
export const boardPageQuerySchema = needsQuerySchema.extend({
	status: needsQuerySchema.shape.status.transform((s) => s ?? 'open'),
	cursor: listQuerySchema.shape.cursor
});

export type CreateNeedInput = z.infer<typeof createNeedSchema>;
export type UpdateNeedInput = z.infer<typeof updateNeedSchema>;
export type CompleteNeedInput = z.infer<typeof completeNeedSchema>;
export type FinishClaimInput = z.infer<typeof finishClaimSchema>;
export type NeedsQuery = z.infer<typeof needsQuerySchema>;
