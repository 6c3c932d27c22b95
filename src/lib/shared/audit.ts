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

/** What the audit log can be filtered by: kinds of action, each a few actions. */
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
	lists: ['skill.added', 'skill.removed', 'category.saved', 'category.removed']
} as const satisfies Record<string, readonly AuditAction[]>;

export type AuditKind = keyof typeof auditKinds;
export const auditKindNames = Object.keys(auditKinds) as AuditKind[];
