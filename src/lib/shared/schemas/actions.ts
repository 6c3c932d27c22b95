import { z } from 'zod';
import { fromNetworkTime } from '../format';
import {
	idList,
	idSchema,
	listQuerySchema,
	optionalText,
	queryFilter,
	requiredText
} from './common';

export const actionKinds = ['campaign', 'distribution', 'event', 'service', 'other'] as const;
export const actionVisibilities = ['public', 'network', 'partners'] as const;
export const actionStatuses = ['planned', 'running', 'done', 'cancelled'] as const;
export const partnerStatuses = ['invited', 'accepted', 'declined'] as const;
export const signupStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;

/**
 * A moment: ISO 8601 with its offset (the API), or a form's local time read on the network's
 * clock ("2026-03-14T09:30").
 */
export const instantSchema = z.union(
	[
		z.iso.datetime({ offset: true, error: 'v_datetime' }).transform((v) => new Date(v)),
		z.iso.datetime({ local: true, error: 'v_datetime' }).transform(fromNetworkTime)
	],
	'v_datetime'
);

export const optionalInstant = z
	.union([instantSchema, z.literal(''), z.null()], 'v_datetime')
	.optional()
	.transform((v) => (v instanceof Date ? v : null));

const optionalId = z
	.union([idSchema, z.literal(''), z.null()], 'v_invalid')
	.optional()
	.transform((v) => v || null);

const optionalCount = z
	.union(
		[
			z.coerce
				.number('v_invalid')
				.int('v_invalid')
				.min(0, 'v_invalid')
				.max(10_000_000, 'v_invalid'),
			z.literal(''),
			z.null()
		],
		'v_invalid'
	)
	.optional()
	.transform((v) => (typeof v === 'number' ? v : null));

/** Ends after it starts: the error sits on the end, where the person fixes it. */
const endsAfterStart = <T extends { startsAt: Date; endsAt: Date }>(v: T) => v.endsAt > v.startsAt;
const endAfterStart = {
	message: 'v_ends_before_start',
	path: ['endsAt'],
	when: (p: { value: unknown }) => {
		const v = p.value as { startsAt?: unknown; endsAt?: unknown } | null;
		return v !== null && v.startsAt instanceof Date && v.endsAt instanceof Date;
	}
};

const actionFields = {
	kind: z.enum(actionKinds, 'v_invalid'),
	title: requiredText(3, 140),
	description: requiredText(1, 4000),
	territoryIds: idList
		.refine((ids) => ids.length > 0, 'v_required')
		.refine((ids) => ids.length <= 20, 'v_invalid'),
	targetGroupIds: z
		.union(
			[
				z.string('v_invalid').max(40, 'v_invalid'),
				z.array(z.string('v_invalid').max(40, 'v_invalid'))
			],
			'v_invalid'
		)
		.optional()
		.transform((v): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.refine((ids) => ids.length <= 20, 'v_invalid'),
	startsAt: instantSchema,
	endsAt: instantSchema,
	/** In words ("reach 500 households"), and the number counted against it. */
	goal: optionalText(300),
	goalCount: optionalCount,
	visibility: z.enum(actionVisibilities, 'v_invalid').default('network'),
	/** Saving despite the clashes shown: recorded with who decided. */
	allowClash: z
		.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')], 'v_invalid')
		.optional()
		.transform((v) => v === true || v === 'on' || v === 'true')
};

export const createActionSchema = z
	.object({ ...actionFields, leadOrganisationId: idSchema })
	.refine(endsAfterStart, endAfterStart);

export const updateActionSchema = z
	.object({ ...actionFields, status: z.enum(actionStatuses, 'v_invalid').optional() })
	.refine(endsAfterStart, endAfterStart);

export const actionsQuerySchema = z.object({
	territoryId: queryFilter(idSchema),
	kind: queryFilter(z.enum(actionKinds, 'v_invalid')),
	organisationId: queryFilter(idSchema),
	targetGroupId: queryFilter(z.string('v_invalid').max(40, 'v_invalid')),
	from: queryFilter(instantSchema),
	to: queryFilter(instantSchema),
	cursor: listQuerySchema.shape.cursor,
	limit: listQuerySchema.shape.limit
});

/** A month of the calendar or of the 3W table: "2026-12". */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'v_invalid');

export const invitePartnerSchema = z.object({ organisationId: idSchema });
export const partnerDecisionSchema = z.object({
	decision: z.enum(['accept', 'decline'], 'v_invalid')
});

export const commitmentSchema = z.object({
	organisationId: idSchema,
	what: requiredText(2, 300),
	territoryId: optionalId,
	quantity: optionalCount,
	from: optionalInstant,
	to: optionalInstant
});

export const createTaskSchema = z.object({
	title: requiredText(2, 200),
	organisationId: optionalId,
	assigneeId: optionalId,
	dueAt: optionalInstant
});

export const updateTaskSchema = z.object({
	done: z.boolean('v_invalid').optional(),
	/** Missing: unchanged; empty or null: nobody. */
	assigneeId: z
		.union([idSchema, z.literal(''), z.null()], 'v_invalid')
		.optional()
		.transform((v) => (v === undefined ? undefined : v || null))
});

export const createSessionSchema = z
	.object({
		startsAt: instantSchema,
		endsAt: instantSchema,
		place: requiredText(2, 200),
		capacity: z.coerce
			.number('v_invalid')
			.int('v_invalid')
			.min(1, 'v_invalid')
			.max(10_000, 'v_invalid')
	})
	.refine(endsAfterStart, endAfterStart);

export const reachSchema = z.object({
	date: z.iso.date('v_date'),
	peopleReached: z.coerce
		.number('v_invalid')
		.int('v_invalid')
		.min(0, 'v_invalid')
		.max(10_000_000, 'v_invalid'),
	organisationId: optionalId,
	territoryId: optionalId,
	note: optionalText(500)
});

export type ActionKind = (typeof actionKinds)[number];
export type ActionVisibility = (typeof actionVisibilities)[number];
export type ActionStatus = (typeof actionStatuses)[number];
export type PartnerStatus = (typeof partnerStatuses)[number];
export type SignupStatus = (typeof signupStatuses)[number];
export type CreateActionInput = z.infer<typeof createActionSchema>;
export type UpdateActionInput = z.infer<typeof updateActionSchema>;
export type ActionsQuery = z.infer<typeof actionsQuerySchema>;
export type CommitmentInput = z.infer<typeof commitmentSchema>;
export type CreateTaskInput = z.infer<typeof createTaskSchema>;
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;
export type CreateSessionInput = z.infer<typeof createSessionSchema>;
export type ReachInput = z.infer<typeof reachSchema>;

/** Signing up says nothing but who (the session asks): an empty object. */
export const signupSchema = z.object({});

export const attendanceSchema = z.object({
	attended: z.union([z.boolean(), z.null()], 'v_invalid')
});

/** `action:watch` and `action:unwatch`: the action whose page is open. */
export const actionRefSchema = z.object({ actionId: idSchema });
