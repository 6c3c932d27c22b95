import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { authorize, requireVerified, type Actor, type Role } from '../auth/actor';
import { consume } from '../auth/rate-limit';
import { generateToken, hashToken, opaqueKey } from '../auth/tokens';
import { recordAudit } from '../administration/audit';
import { now } from '../clock';
import { config } from '../config';
import { db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { invitations, memberships, organisations, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { translate } from '../i18n/translate';
import { queueMail } from '../mail/outbox';
import { canOrganisation } from './policy';
import { findVisibleOrganisation } from './service';
import type { InvitationView } from '$lib/shared/views/orgs';

export type { InvitationView };

const INVITATION_DAYS = 7;

/**
 * A coordinator invites someone by e-mail: a link with a token valid for seven days. Only the
 * token's hash is kept; the mail (in the recipient's future language: the network's, Italian)
 * goes through the outbox.
 */
export async function invite(
	actor: Actor | null,
	organisationId: string,
	input: { email: string; role: Role },
	locale: 'it' | 'en' = 'it'
) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'invite', org));
	// Invitations send mail with text a coordinator chose: limited, so Rete relays no spam.
	await consume(opaqueKey('invite:user', actor.id), config().rateLimits.invitePerUser);
	const token = generateToken();
	const link = `${config().origin}/invitations/${token}`;
	const expiresAt = new Date(now().getTime() + INVITATION_DAYS * 86_400_000);
	const invitation = await db
		.transaction(async (tx) => {
			const [member] = await tx
				.select({ id: users.id })
				.from(memberships)
				.innerJoin(users, eq(users.id, memberships.userId))
				.where(and(eq(memberships.organisationId, organisationId), eq(users.email, input.email)));
			if (member) throw new DomainError('conflict', { extra: { reason: 'already_member' } });
			// An expired invitation no longer counts as open: close it so a new one can be sent.
			await tx
				.update(invitations)
				.set({ revokedAt: now() })
				.where(
					and(
						eq(invitations.organisationId, organisationId),
						eq(invitations.email, input.email),
						isNull(invitations.acceptedAt),
						isNull(invitations.revokedAt),
						lte(invitations.expiresAt, now())
					)
				);
			const [row] = await tx
				.insert(invitations)
				.values({
					organisationId,
					email: input.email,
					role: input.role,
					tokenHash: hashToken(token),
					invitedBy: actor.id,
					expiresAt
				})
				.returning();
			const role = translate(`role_${input.role}`, locale);
			await queueMail(tx, {
				to: input.email,
				subject: translate('invitation_mail_subject', locale, { organisation: org.name }),
				body: translate('invitation_mail_body', locale, {
					organisation: org.name,
					role,
					link,
					days: INVITATION_DAYS
				}),
				link
			});
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'invitation.created',
				subjectType: 'organisation',
				subjectId: organisationId,
				details: { invitationId: row.id, role: input.role }
			});
			return row;
		})
		.catch((error) => {
			if (isUniqueViolation(error))
				throw new DomainError('conflict', { extra: { reason: 'already_invited' } });
			throw error;
		});
	publish('mail.queued', {});
	return toView(invitation);
}

function toView(row: typeof invitations.$inferSelect): InvitationView {
	return {
		id: row.id,
		email: row.email,
		role: row.role,
		createdAt: row.createdAt.toISOString(),
		expiresAt: row.expiresAt.toISOString()
	};
}

/** Invitations still waiting for an answer. */
export async function listPendingInvitations(actor: Actor | null, organisationId: string) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'invite', org));
	const rows = await db
		.select()
		.from(invitations)
		.where(
			and(
				eq(invitations.organisationId, organisationId),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, now())
			)
		)
		.orderBy(desc(invitations.createdAt));
	return rows.map(toView);
}

export async function revokeInvitation(
	actor: Actor | null,
	organisationId: string,
	invitationId: string
) {
	const org = await findVisibleOrganisation(actor, organisationId);
	authorize(actor, canOrganisation(actor, 'invite', org));
	const revoked = await db
		.update(invitations)
		.set({ revokedAt: now() })
		.where(
			and(
				eq(invitations.id, invitationId),
				eq(invitations.organisationId, organisationId),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt)
			)
		)
		.returning();
	if (revoked.length === 0) throw new DomainError('not_found');
}

export type InvitationState = 'valid' | 'expired' | 'used' | 'revoked';

/** What the link shows before accepting: which organisation, which role, whether it still works. */
export async function readInvitation(token: string) {
	const [row] = await db
		.select({
			invitation: invitations,
			organisationName: organisations.name,
			organisationId: organisations.id
		})
		.from(invitations)
		.innerJoin(organisations, eq(organisations.id, invitations.organisationId))
		.where(eq(invitations.tokenHash, hashToken(token)));
	if (!row) throw new DomainError('not_found');
	const { invitation } = row;
	const state: InvitationState = invitation.acceptedAt
		? 'used'
		: invitation.revokedAt
			? 'revoked'
			: invitation.expiresAt <= now()
				? 'expired'
				: 'valid';
	return {
		organisationId: row.organisationId,
		organisationName: row.organisationName,
		role: invitation.role,
		email: invitation.email,
		state
	};
}

/**
 * Accepting: the signed-in person must be the one invited (the same, verified e-mail): an operator's
 * access to sensitive data must not travel with a forwarded link. Accepted exactly once.
 */
export async function acceptInvitation(actor: Actor | null, token: string) {
	// An address not proved yet proves nothing: otherwise signing up with (or changing to) the
	// invited address would be enough to take someone else's place.
	requireVerified(actor);
	const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
	const result = await db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(invitations)
			.set({ acceptedAt: now(), acceptedBy: actor.id })
			.where(
				and(
					eq(invitations.tokenHash, hashToken(token)),
					isNull(invitations.acceptedAt),
					isNull(invitations.revokedAt),
					gt(invitations.expiresAt, now()),
					eq(invitations.email, sql`${me?.email ?? ''}`)
				)
			)
			.returning();
		if (!claimed) return null;
		const joined = await tx
			.insert(memberships)
			.values({ organisationId: claimed.organisationId, userId: actor.id, role: claimed.role })
			.onConflictDoNothing()
			.returning();
		if (joined.length === 0)
			throw new DomainError('conflict', { extra: { reason: 'already_member' } });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'invitation.accepted',
			subjectType: 'organisation',
			subjectId: claimed.organisationId,
			details: { invitationId: claimed.id, role: claimed.role }
		});
		return claimed;
	});
	if (!result) {
		// Say why, without revealing anything to someone who does not hold the link.
		const info = await readInvitation(token);
		if (info.state !== 'valid')
			throw new DomainError('conflict', { extra: { reason: `invitation_${info.state}` } });
		throw new DomainError('forbidden', { extra: { reason: 'invitation_other_email' } });
	}
	publish('membership.changed', { organisationId: result.organisationId, userId: actor.id });
	return { organisationId: result.organisationId, role: result.role };
}
