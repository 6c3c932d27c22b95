import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { needConsents, needs } from '../db/schema';
import { recordHistory } from '../needs/history';
import type { ConsentInput } from '$lib/shared/schemas/privacy';

/** The purpose recorded for a resident who posts their own request: posting is consenting. */
export const OWN_REQUEST = 'own_request';

/**
 * Writes `needs.contact_shared` from the consents themselves: helpers see the contact while an
 * unrevoked consent names them. Called in the transaction that changes a consent.
 */
export async function refreshSharing(tx: Executor, needId: string) {
	// The need's row first: two changes of its consents at once take turns, and the second
	// reads the first's consent (a subquery alone would read the moment its statement began).
	await tx.select({ id: needs.id }).from(needs).where(eq(needs.id, needId)).for('update');
	await tx
		.update(needs)
		.set({
			contactShared: sql`exists (select 1 from ${needConsents} c where c.need_id = ${needId} and c.recipients = 'helpers' and c.revoked_at is null)`
		})
		.where(eq(needs.id, needId));
}

/**
 * A consent, in the transaction that posts the need or records it later. Its history line says
 * so, except for a resident's own request, whose "posted" line is the consent.
 */
export async function writeConsent(
	tx: Executor,
	needId: string,
	consent: ConsentInput,
	recordedBy: string
) {
	const [row] = await tx
		.insert(needConsents)
		.values({ needId, ...consent, recordedBy })
		.returning({ id: needConsents.id });
	await refreshSharing(tx, needId);
	if (consent.purpose !== OWN_REQUEST)
		await recordHistory(tx, needId, recordedBy, 'consent_recorded', {
			recipients: consent.recipients,
			givenBy: consent.givenBy
		});
	return row.id;
}
