import { z } from 'zod';
import { idSchema, listQuerySchema, queryFilter, requiredText } from './common';
import { instantSchema, optionalInstant } from './actions';
import { normaliseCodiceFiscale } from '../codice-fiscale';

export const phaseKinds = ['information', 'proposals', 'supports', 'voting', 'results'] as const;
export const consultationVisibilities = ['public', 'network'] as const;
/** A proposal's answer: `published` until the organisation answers. */
export const answerStates = ['published', 'evaluating', 'accepted', 'rejected'] as const;
export const moderationStates = ['visible', 'hidden', 'removed'] as const;
export const pollMethods = ['single', 'approval', 'ranked', 'score'] as const;
export const resultsVisibilities = ['always', 'after_vote', 'after_close'] as const;
export const ballotChannels = ['online', 'assisted'] as const;
export const proposalSorts = ['supports', 'newest', 'random'] as const;

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

/** `consultation:watch` and `consultation:unwatch`: the consultation whose page is open. */
export const consultationRefSchema = z.object({ consultationId: idSchema });

export const movePhaseSchema = z.object({ kind: z.enum(phaseKinds, 'v_invalid') });

const flag = z
	.union([z.boolean(), z.literal('true'), z.literal('on'), z.literal('false')], 'v_invalid')
	.optional()
	.transform((v) => v === true || v === 'true' || v === 'on');

export const createProposalSchema = z.object({
	title: requiredText(5, 160),
	body: requiredText(10, 4000),
	/** Posting although similar proposals were shown (the choice is recorded). */
	allowSimilar: flag
});

export const proposalsQuerySchema = z.object({
	sort: queryFilter(z.enum(proposalSorts, 'v_invalid')).transform((v) => v ?? 'supports'),
	q: queryFilter(z.string('v_invalid').trim().max(200, 'v_too_long')),
	/** The visitor's order for `random` (signed in: their account; else the page's cookie). */
	seed: queryFilter(z.string('v_invalid').regex(/^[\w-]{1,64}$/, 'v_invalid')),
	cursor: listQuerySchema.shape.cursor,
	limit: listQuerySchema.shape.limit
});

export const answerProposalSchema = z.object({
	state: z.enum(['evaluating', 'accepted', 'rejected'], 'v_invalid'),
	text: requiredText(2, 4000)
});

export const reportProposalSchema = z.object({ reason: requiredText(3, 500) });

/** A coordinator's look at a hidden proposal: show it again, or remove it for good. */
export const moderateProposalSchema = z.object({
	decision: z.enum(['restore', 'remove'], 'v_invalid')
});

const optionLabel = requiredText(1, 200);

export const createPollSchema = z
	.object({
		question: requiredText(3, 300),
		method: z.enum(pollMethods, 'v_invalid'),
		options: z
			.array(optionLabel, 'v_invalid')
			.min(2, 'v_poll_options')
			.max(20, 'v_too_many')
			.refine(
				(labels) => new Set(labels.map((l) => l.toLowerCase())).size === labels.length,
				'v_poll_options_repeated'
			),
		/** Approval: how many options a ballot may name (default: all). */
		maxChoices: z.coerce
			.number('v_invalid')
			.int('v_invalid')
			.min(1, 'v_invalid')
			.max(20, 'v_invalid')
			.optional(),
		results: z.enum(resultsVisibilities, 'v_invalid').default('after_close'),
		anonymous: z.boolean('v_invalid').default(false),
		/** Its own window; without it, the consultation's voting phase opens and closes it. */
		opensAt: optionalInstant,
		closesAt: optionalInstant
	})
	.refine((p) => p.maxChoices === undefined || p.maxChoices <= p.options.length, {
		message: 'v_max_choices',
		path: ['maxChoices']
	})
	.refine((p) => !p.opensAt || !p.closesAt || p.closesAt > p.opensAt, {
		message: 'v_phase_dates',
		path: ['closesAt']
	});

const scoreChoice = z.object({
	optionId: idSchema,
	score: z.number('v_invalid').int('v_invalid').min(0, 'v_invalid').max(5, 'v_invalid')
});

/** A codice fiscale, kept in its canonical form (its check letter right). */
export const codiceFiscaleSchema = z
	.string('v_required')
	.max(40, 'v_codice_fiscale')
	.transform((v, ctx) => {
		const code = normaliseCodiceFiscale(v);
		if (!code) ctx.addIssue({ code: 'custom', message: 'v_codice_fiscale' });
		return code ?? '';
	});

/**
 * A ballot: option ids (one for `single`, up to N for `approval`, in order of preference for
 * `ranked`) or a score 0–5 per option (`score`); the poll checks which fits. `onBehalfOf`: an
 * operator records it for a resident without a device, with their consent.
 */
export const castBallotSchema = z.object({
	choices: z.union(
		[
			z.array(idSchema, 'v_invalid').min(1, 'v_required').max(20, 'v_too_many'),
			z.array(scoreChoice, 'v_invalid').min(1, 'v_required').max(20, 'v_too_many')
		],
		'v_invalid'
	),
	onBehalfOf: z
		.object({
			personKey: codiceFiscaleSchema,
			consent: z.literal(true, 'v_consent_required')
		})
		.optional()
});

export const identitySchema = z.object({ personKey: codiceFiscaleSchema });

export const commitmentSchema = z.object({
	title: requiredText(3, 200),
	description: z.string('v_invalid').trim().max(4000, 'v_too_long').default(''),
	proposalId: z
		.union([idSchema, z.literal(''), z.null()], 'v_invalid')
		.optional()
		.transform((v) => v || null),
	progress: z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(0, 'v_invalid')
		.max(100, 'v_invalid')
		.default(0)
});

export const commitmentProgressSchema = z.object({
	progress: z.coerce.number('v_invalid').int('v_invalid').min(0, 'v_invalid').max(100, 'v_invalid'),
	milestone: z.object({ date: z.iso.date('v_date'), text: requiredText(2, 500) }).optional()
});

export type BallotChoices = string[] | { optionId: string; score: number }[];
export type PollMethodName = (typeof pollMethods)[number];
export type BallotChannel = (typeof ballotChannels)[number];
export type ResultsVisibility = (typeof resultsVisibilities)[number];
export type AnswerState = (typeof answerStates)[number];
export type ModerationState = (typeof moderationStates)[number];
export type ProposalSort = (typeof proposalSorts)[number];
export type CreatePollInput = z.infer<typeof createPollSchema>;
export type CastBallotInput = z.infer<typeof castBallotSchema>;
export type CommitmentInput = z.infer<typeof commitmentSchema>;
export type PhaseKind = (typeof phaseKinds)[number];
export type ConsultationVisibility = (typeof consultationVisibilities)[number];
export type CreateConsultationInput = z.infer<typeof createConsultationSchema>;
export type ConsultationSettings = z.infer<typeof consultationSettingsSchema>;
