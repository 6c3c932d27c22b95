import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { needConsents, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { recordHistory } from '../needs/history';
import { refreshSharing, writeConsent } from './for-needs';
import { seeNeed } from '../needs/service';
import { canNeedPrivacy } from './policy';
import type { ConsentInput } from '$lib/shared/schemas/privacy';
import type { ConsentView } from '$lib/shared/views/privacy';

async function needForConsent(actor: Actor, needId: string) {
	const { row } = await seeNeed(actor, needId);
	authorize(actor, canNeedPrivacy(actor, 'manageConsent', row.need));
	return row.need;
}

/** An operator records the consent the person gave (or the resident, for their own request). */
export async function recordConsent(
	actor: Actor | null,
	needId: string,
	input: ConsentInput
): Promise<ConsentView> {
	authorize(actor, actor !== null);
	const need = await needForConsent(actor, needId);
	if (need.redactedAt) throw new DomainError('conflict', { extra: { reason: 'need_erased' } });
	const id = await db.transaction((tx) => writeConsent(tx, needId, input, actor.id));
	publish('need.updated', { needId });
	return (await consentsOf(needId)).find((c) => c.id === id)!;
}

/**
 * Revoking stops the sharing at once: the need's flag changes in the same transaction, and the
 * need's live audience gets it again without `contact` (their open pages drop it).
 */
export async function revokeConsent(
	actor: Actor | null,
	needId: string,
	consentId: string
): Promise<ConsentView> {
	authorize(actor, actor !== null);
	await needForConsent(actor, needId);
	const revoked = await db.transaction(async (tx) => {
		const rows = await tx
			.update(needConsents)
			.set({ revokedAt: now(), revokedBy: actor.id })
			.where(
				and(
					eq(needConsents.id, consentId),
					eq(needConsents.needId, needId),
					isNull(needConsents.revokedAt)
				)
			)
			.returning({ recipients: needConsents.recipients });
		if (!rows.length) return false;
		await refreshSharing(tx, needId);
		await recordHistory(tx, needId, actor.id, 'consent_revoked', {
			recipients: rows[0].recipients
		});
		return true;
	});
	const view = (await consentsOf(needId)).find((c) => c.id === consentId);
	if (!view) throw new DomainError('not_found');
	if (!revoked) throw new DomainError('conflict', { extra: { reason: 'consent_revoked' } });
	publish('need.updated', { needId });
	return view;
}

const recorder = alias(users, 'recorder');
const revoker = alias(users, 'revoker');

/** A need's consents, newest first. The caller has checked who may read them. */
export async function consentsOf(needId: string): Promise<ConsentView[]> {
	const rows = await db
		.select({
			consent: needConsents,
			recordedByName: recorder.name,
			revokedByName: revoker.name
		})
		.from(needConsents)
		.leftJoin(recorder, eq(recorder.id, needConsents.recordedBy))
		.leftJoin(revoker, eq(revoker.id, needConsents.revokedBy))
		.where(eq(needConsents.needId, needId))
		.orderBy(desc(needConsents.createdAt));
	return rows.map(({ consent: c, recordedByName, revokedByName }) => ({
		id: c.id,
		needId: c.needId,
		purpose: c.purpose,
		recipients: c.recipients,
		givenBy: c.givenBy,
		note: c.note,
		recordedByName,
		createdAt: c.createdAt.toISOString(),
		revokedAt: c.revokedAt?.toISOString() ?? null,
		revokedByName
	}));
}

/** The consents of a need, for those who keep them. */
export async function needConsentList(actor: Actor | null, needId: string) {
	authorize(actor, actor !== null);
	await needForConsent(actor, needId);
	return consentsOf(needId);
}
