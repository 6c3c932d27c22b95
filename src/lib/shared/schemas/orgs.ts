import { z } from 'zod';
import {
	idList,
	idSchema,
	optionalEmailSchema,
	optionalText,
	phoneSchema,
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
	territoryId: idSchema.optional(),
	kind: organisationKindSchema.optional(),
	q: z.string('v_invalid').trim().max(100, 'v_too_long').optional()
});

export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;
