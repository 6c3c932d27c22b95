import { z } from 'zod';
import {
	idList,
	idSchema,
	optionalEmailSchema,
	optionalText,
	listQuerySchema,
	phoneSchema,
	queryFilter,
	requiredText,
	websiteSchema,
	whenObject
} from './common';
import { emailSchema } from './accounts';

export const organisationKinds = ['public_service', 'ngo', 'group'] as const;
export const memberRoles = ['coordinator', 'operator', 'volunteer'] as const;
export const organisationStatuses = ['pending', 'verified', 'rejected'] as const;
export type Role = (typeof memberRoles)[number];

export const organisationKindSchema = z.enum(organisationKinds, 'v_invalid');
export const memberRoleSchema = z.enum(memberRoles, 'v_invalid');

const profileFields = {
	description: optionalText(4000),
	contactEmail: optionalEmailSchema,
	contactPhone: phoneSchema,
	website: websiteSchema,
	territoryIds: idList
};

export const createOrganisationSchema = z.object({
	name: requiredText(2, 120),
	kind: organisationKindSchema,
	...profileFields
});

export const updateOrganisationSchema = createOrganisationSchema;

export const reviewOrganisationSchema = z
	.object({
		decision: z.enum(['verify', 'reject'], 'v_invalid'),
		reason: optionalText(1000)
	})
	.refine((v) => v.decision === 'verify' || (typeof v.reason === 'string' && v.reason.length > 0), {
		message: 'v_reason_required',
		path: ['reason'],
		...whenObject
	});

export const addMemberSchema = z.object({ userId: idSchema, role: memberRoleSchema });
export const changeRoleSchema = z.object({ role: memberRoleSchema });
export const inviteSchema = z.object({ email: emailSchema, role: memberRoleSchema });
export const joinRequestSchema = z.object({ message: optionalText(1000) });
export const decideJoinRequestSchema = z.object({
	decision: z.enum(['approve', 'decline'], 'v_invalid'),
	role: memberRoleSchema.default('volunteer')
});

export const directoryQuerySchema = z.object({
	territoryId: queryFilter(idSchema),
	kind: queryFilter(organisationKindSchema),
	q: queryFilter(z.string('v_invalid').trim().max(100, 'v_too_long'))
});

export const directoryPageQuerySchema = directoryQuerySchema.extend({
	cursor: listQuerySchema.shape.cursor
});

/** An organisation's queue: a page of JSON, or the whole of it as CSV for a spreadsheet. */
export const queueQuerySchema = z.object({
	...listQuerySchema.shape,
	format: queryFilter(z.enum(['json', 'csv'], 'v_invalid'))
});

export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;
