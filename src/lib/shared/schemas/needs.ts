import { z } from 'zod';
import { idSchema, requiredText } from './common';

export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export const needVisibilities = ['public', 'organisation'] as const;
export const needStatuses = ['open', 'in_progress', 'fulfilled', 'closed'] as const;

const optionalId = z
	.union([idSchema, z.literal(''), z.null()], 'v_invalid')
	.optional()
	.transform((v) => v || null);

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
		contact: z.string('v_invalid').trim().max(1000, 'v_too_long').default(''),
		allowDuplicate: z.boolean('v_invalid').default(false)
	})
	.refine((v) => v.visibility === 'public' || v.organisationId !== null, {
		message: 'v_visibility_needs_organisation',
		path: ['visibility']
	});

export const needsQuerySchema = z.object({
	status: z.enum(needStatuses, 'v_invalid').optional(),
	category: z.string('v_invalid').max(40, 'v_invalid').optional(),
	territoryId: idSchema.optional(),
	q: z.string('v_invalid').trim().max(200, 'v_too_long').optional()
});

export type CreateNeedInput = z.infer<typeof createNeedSchema>;
