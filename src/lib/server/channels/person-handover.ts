import { eq } from 'drizzle-orm';
import { authorize, refuse, roleIn, verifiedIn, type Actor } from '../auth/actor';
import { sendMessage } from './messages';
import { openPersonKeyChannel } from './service';
import { db } from '../db/client';
import { DomainError } from '../errors';
import { categories, needs, organisations } from '../db/schema';
import { translate } from '../i18n/translate';
import { notify } from '../notifications/service';
import { coordinatorsOf } from '../orgs/members';
import { organisationsFollowingSamePerson } from '../needs/service';

/**
 * Asks the other organisations that follow the same person (same person key, same category) to
 * hand the person over. The request is a message in the joint channel they share, and their
 * coordinators are told: they learn who asks and why, nothing of each other's records, and
 * answer there (closing or releasing their own request if they agree).
 */
export async function askPersonHandover(
	actor: Actor | null,
	needId: string,
	reason: string,
	locale: 'it' | 'en'
): Promise<string> {
	authorize(actor, actor !== null);
	const [need] = await db
		.select({
			id: needs.id,
			personKeyHash: needs.personKeyHash,
			categoryId: needs.categoryId,
			organisationId: needs.organisationId,
			organisation: organisations.name,
			categoryIt: categories.labelIt,
			categoryEn: categories.labelEn
		})
		.from(needs)
		.innerJoin(organisations, eq(organisations.id, needs.organisationId))
		.innerJoin(categories, eq(categories.id, needs.categoryId))
		.where(eq(needs.id, needId));
	if (roleIn(actor, need?.organisationId) && !verifiedIn(actor, need?.organisationId))
		refuse(actor, 'organisation_not_verified');
	// Nobody else follows the person: there is no one to ask (and no channel to open).
	const others = need ? await organisationsFollowingSamePerson(need) : [];
	if (need?.personKeyHash && roleIn(actor, need.organisationId) && !others.length)
		throw new DomainError('conflict', { extra: { reason: 'no_person_key_matches' } });
	// Checks that the actor speaks for the need's organisation and that it gave a person key.
	const channelId = await openPersonKeyChannel(actor, needId);
	await sendMessage(actor, channelId, {
		body: translate('person_handover_message', locale, {
			organisation: need.organisation,
			reason
		})
	});
	await notify(
		await coordinatorsOf(others),
		'handover_requested',
		// Both languages: each coordinator reads it in their own.
		{ channelId, who: need.organisation, categoryIt: need.categoryIt, categoryEn: need.categoryEn }
	);
	return channelId;
}
