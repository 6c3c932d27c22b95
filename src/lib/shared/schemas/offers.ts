import { z } from 'zod';
import {
	idList,
	idSchema,
	listQuerySchema,
	optionalText,
	queryFilter,
	requiredText
} from './common';
import { availabilitySchema } from './people';

export const offerKinds = ['time', 'skill', 'goods', 'space', 'transport'] as const;
export const offerVisibilities = ['public', 'organisation'] as const;
/** What is kept; `full` is shown, never stored: an open offer with every unit taken. */
export const offerStoredStatuses = ['open', 'paused', 'closed'] as const;
export const offerStatuses = ['open', 'paused', 'full', 'closed'] as const;
export const offerRequestStatuses = [
	'pending',
	'accepted',
	'declined',
	'cancelled',
	'done'
] as const;

const optionalId = z
	.union([idSchema, z.literal(''), z.null()], 'v_invalid')
	.optional()
	.transform((v) => v || null);

const optionalDate = z
	.union([z.iso.date('v_date'), z.literal(''), z.null()], 'v_date')
	.optional()
	.transform((v) => v || null);

const offerFields = {
	kind: z.enum(offerKinds, 'v_invalid'),
	title: requiredText(3, 140),
	description: requiredText(1, 4000),
	category: z.string('v_required').trim().min(1, 'v_required').max(40, 'v_invalid'),
	territoryId: optionalId,
	skillIds: idList,
	availability: availabilitySchema,
	capacity: z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(1, 'v_invalid')
		.max(1000, 'v_invalid')
		.default(1),
	until: optionalDate
};

export const createOfferSchema = z
	.object({
		...offerFields,
		organisationId: optionalId,
		visibility: z.enum(offerVisibilities, 'v_invalid').default('public')
	})
	.refine((v) => v.visibility === 'public' || v.organisationId !== null, {
		message: 'v_visibility_needs_organisation',
		path: ['visibility'],
		when: (p) => p.value !== null && typeof p.value === 'object'
	});

/** Editing keeps who it is for and who sees it; the rest may change. */
export const updateOfferSchema = z.object(offerFields);

/** Pausing, reopening and closing. */
export const offerStatusSchema = z.object({
	status: z.enum(offerStoredStatuses, 'v_invalid')
});

export const offerRequestSchema = z.object({
	message: optionalText(1000),
	needId: optionalId
});

export const offerDecisionSchema = z.object({
	decision: z.enum(['accept', 'decline', 'cancel', 'done'], 'v_invalid'),
	note: optionalText(1000)
});

export const offersQuerySchema = z.object({
	kind: queryFilter(z.enum(offerKinds, 'v_invalid')),
	category: queryFilter(z.string('v_invalid').max(40, 'v_invalid')),
	territoryId: queryFilter(idSchema),
	q: queryFilter(z.string('v_invalid').trim().max(200, 'v_too_long')),
	status: queryFilter(z.enum([...offerStatuses, 'all'], 'v_invalid')),
	cursor: listQuerySchema.shape.cursor,
	limit: listQuerySchema.shape.limit
});

export type OfferKind = (typeof offerKinds)[number];
export type OfferStatus = (typeof offerStatuses)[number];
export type OfferRequestStatus = (typeof offerRequestStatuses)[number];
export type CreateOfferInput = z.infer<typeof createOfferSchema>;
export type UpdateOfferInput = z.infer<typeof updateOfferSchema>;
export type OfferRequestInput = z.infer<typeof offerRequestSchema>;
export type OfferDecisionInput = z.infer<typeof offerDecisionSchema>;
export type OffersQuery = z.infer<typeof offersQuerySchema>;

/** One list of needs and offers: both, or one of the two (the board's switch). */
export const feedTypes = ['all', 'needs', 'offers'] as const;

export const feedQuerySchema = z.object({
	type: queryFilter(z.enum(feedTypes, 'v_invalid')),
	category: queryFilter(z.string('v_invalid').max(40, 'v_invalid')),
	territoryId: queryFilter(idSchema),
	q: queryFilter(z.string('v_invalid').trim().max(200, 'v_too_long')),
	cursor: listQuerySchema.shape.cursor,
	limit: listQuerySchema.shape.limit
});

export type FeedQuery = z.infer<typeof feedQuerySchema>;
