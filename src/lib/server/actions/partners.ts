import { and, eq } from 'drizzle-orm';
import { authorize, roleIn, type Actor } from '../auth/actor';
import { joinActionChannel } from '../channels/for-actions';
import { db } from '../db/client';
import { actionPartners, actions, organisations } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { answersFor, canAction } from './policy';
import { assertActionOpen, loadAction } from './service';
import { actionTarget } from './views';

/**
 * Brings an organisation into an action. The lead's coordinators invite another organisation;
 * an organisation's own coordinators ask to join (the one click of a clash warning). Either way
 * it must be verified, and not already in or asked; one that declined may be asked again.
 */
export async function addPartner(actor: Actor | null, actionId: string, organisationId: string) {
	const row = await loadAction(actor, actionId);
	assertActionOpen(row);
	const lead = row.action.leadOrganisationId;
	const inviting = canAction(actor, 'edit', actionTarget(row));
	const asking = !inviting && answersFor(actor, organisationId);
	authorize(actor, inviting || asking);
	if (organisationId === lead)
		throw new DomainError('invalid_input', { fields: { organisationId: 'v_invalid' } });
	const [org] = await db
		.select({ status: organisations.status })
		.from(organisations)
		.where(eq(organisations.id, organisationId));
	if (!org) throw new DomainError('invalid_input', { fields: { organisationId: 'v_invalid' } });
	if (org.status !== 'verified')
		throw new DomainError('forbidden', { extra: { reason: 'organisation_not_verified' } });
	const values = {
		actionId,
		organisationId,
		status: 'invited' as const,
		askedToJoin: asking,
		invitedBy: actor.id,
		invitedAt: new Date(),
		answeredBy: null,
		answeredAt: null
	};
	// A new row, or one that declined before: the key holds one per organisation and action.
	const [added] = await db
		.insert(actionPartners)
		.values(values)
		.onConflictDoUpdate({
			target: [actionPartners.actionId, actionPartners.organisationId],
			set: values,
			setWhere: eq(actionPartners.status, 'declined')
		})
		.returning({ organisationId: actionPartners.organisationId });
	if (!added) throw new DomainError('conflict', { extra: { reason: 'already_partner' } });
	publish('action.partner_asked', { actionId, organisationId, askedToJoin: asking });
	publish('action.updated', { actionId });
}

/**
 * The other side answers: an organisation invited by the lead answers through its coordinators,
 * an organisation that asked to join is answered by the lead's. Once: two coordinators answering
 * at the same instant get one answer recorded, the other `already_answered`. Accepting brings the
 * organisation's coordinators into the action's joint channel.
 */
export async function answerPartner(
	actor: Actor | null,
	actionId: string,
	organisationId: string,
	decision: 'accept' | 'decline'
) {
	const row = await loadAction(actor, actionId);
	const partner = row.partners.find((p) => p.organisationId === organisationId);
	if (!partner) throw new DomainError('not_found');
	const answering = partner.askedToJoin
		? roleIn(actor, row.action.leadOrganisationId) === 'coordinator'
		: answersFor(actor, organisationId);
	authorize(actor, answering);
	assertActionOpen(row);
	const accepted = decision === 'accept';
	const joined = await db.transaction(async (tx) => {
		const [answered] = await tx
			.update(actionPartners)
			.set({
				status: accepted ? 'accepted' : 'declined',
				answeredBy: actor.id,
				answeredAt: new Date()
			})
			.where(
				and(
					eq(actionPartners.actionId, actionId),
					eq(actionPartners.organisationId, organisationId),
					eq(actionPartners.status, 'invited')
				)
			)
			.returning({ organisationId: actionPartners.organisationId });
		if (!answered) throw new DomainError('conflict', { extra: { reason: 'already_answered' } });
		if (!accepted || !row.action.channelId) return [];
		await tx.update(actions).set({ updatedAt: new Date() }).where(eq(actions.id, actionId));
		return joinActionChannel(tx, row.action.channelId, organisationId, actor.id);
	});
	for (const userId of joined)
		publish('channel.joined', { channelId: row.action.channelId!, userId });
	publish('action.partner_answered', { actionId, organisationId, accepted });
	publish('action.updated', { actionId });
}
