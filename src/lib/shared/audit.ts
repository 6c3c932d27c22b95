/**
 * Every administrative action the audit log records (`administration/audit.ts`), by the kind of
 * action the log can be filtered by.
 */
export const auditKinds = {
	organisations: ['organisation.verified', 'organisation.rejected'],
	members: [
		'membership.added',
		'membership.role_changed',
		'membership.left',
		'membership.removed',
		'join_request.approved',
		'join_request.declined',
		'invitation.created',
		'invitation.accepted'
	],
	trust: ['person.vouched', 'person.vouch_withdrawn', 'person_key.lookup'],
	administrators: ['administrator.granted', 'administrator.revoked'],
	territories: ['territory.created', 'territory.renamed', 'territory.deleted'],
	lists: [
		'skill.added',
		'skill.removed',
		'category.saved',
		'category.removed',
		'category.skills_set',
		'target_group.saved',
		'target_group.removed'
	],
	consultations: ['ballot.assisted', 'proposal.moderated'],
	privacy: ['retention.run', 'need.erased', 'account.erased', 'organisation.exported']
} as const;

export type AuditKind = keyof typeof auditKinds;
export type AuditAction = (typeof auditKinds)[AuditKind][number];
export const auditKindNames = Object.keys(auditKinds) as AuditKind[];
export const auditActions: readonly AuditAction[] = Object.values(auditKinds).flat();
