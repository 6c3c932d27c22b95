import { z } from 'zod';
import { idSchema, listQuerySchema, queryFilter, requiredText } from './common';
import { instantSchema } from './actions';

export const phaseKinds = ['information', 'proposals', 'supports', 'voting', 'results'] as const;
export const consultationVisibilities = ['public', 'network'] as const;

const count = (min: number, max: number, fallback: number) =>
	z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(min, 'v_invalid')
		.max(max, 'v_invalid')
		.default(fallback);

const phaseSchema = z.object({
	kind: z.enum(phaseKinds, 'v_invalid'),
	startsAt: instantSchema,
	endsAt: instantSchema
});

/**
 * A consultation's phases: at least one, each kind at most once and in the order of
 * `phaseKinds`, each ending after it starts and none starting before the one before it.
 */
const phasesSchema = z
	.array(phaseSchema, 'v_invalid')
	.min(1, 'v_required')
	.max(phaseKinds.length, 'v_invalid')
	.refine(
		(phases) =>
			phases.every(
				(p, i) => i === 0 || phaseKinds.indexOf(p.kind) > phaseKinds.indexOf(phases[i - 1].kind)
			),
		'v_phase_order'
	)
	.refine(
		(phases) =>
			phases.every(
				(p, i) => p.endsAt > p.startsAt && (i === 0 || p.startsAt >= phases[i - 1].startsAt)
			),
		'v_phase_dates'
	);

export const consultationSettingsSchema = z
	.object({
		supportsPerPerson: count(1, 100, 10),
		/** Supports that mark a proposal as reaching the threshold (0: none). */
		supportThreshold: count(0, 100_000, 0),
		proposalsPerPerson: count(1, 50, 3),
		assistedBallots: z.boolean('v_invalid').default(false),
		requireIdentity: z.boolean('v_invalid').default(false)
	})
	.default({
		supportsPerPerson: 10,
		supportThreshold: 0,
		proposalsPerPerson: 3,
		assistedBallots: false,
		requireIdentity: false
	});

export const createConsultationSchema = z.object({
	title: requiredText(3, 160),
	description: requiredText(1, 8000),
	organisationId: idSchema,
	/** Who may take part: residents of this territory and everything under it; none: everyone. */
	territoryId: z
		.union([idSchema, z.literal(''), z.null()], 'v_invalid')
		.optional()
		.transform((v) => v || null),
	visibility: z.enum(consultationVisibilities, 'v_invalid').default('public'),
	phases: phasesSchema,
	settings: consultationSettingsSchema
});

export const consultationsQuerySchema = z.object({
	organisationId: queryFilter(idSchema),
	cursor: listQuerySchema.shape.cursor,
	limit: listQuerySchema.shape.limit
});

export const movePhaseSchema = z.object({ kind: z.enum(phaseKinds, 'v_invalid') });

export type PhaseKind = (typeof phaseKinds)[number];
export type ConsultationVisibility = (typeof consultationVisibilities)[number];
export type CreateConsultationInput = z.infer<typeof createConsultationSchema>;
export type ConsultationSettings = z.infer<typeof consultationSettingsSchema>;
