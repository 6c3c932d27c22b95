/** Every administrative action the audit log records (`administration/audit.ts`). */
export const auditActions = [
	'organisation.verified',
	'organisation.rejected',
	'membership.added',
	'membership.role_changed',
	'membership.left',
	'membership.removed',
	'join_request.approved',
	'join_request.declined',
	'invitation.created',
	'invitation.accepted',
	'person.vouched',
	'person.vouch_withdrawn',
	'person_key.lookup',
	'administrator.granted',
	'administrator.revoked',
	'territory.created',
	'territory.renamed',
	'territory.deleted',
	'skill.added',
	'skill.removed',
	'category.saved',
	'category.removed'
] as const;

export type AuditAction = (typeof auditActions)[number];
