import { authorize, type Actor } from '../auth/actor';
import { translate } from '../i18n/translate';
import { personFollowedTogether } from '../needs/for-channels';
import { notify } from '../notifications/service';
import { coordinatorsOf } from '../orgs/members';
import { sendMessage } from './messages';
import { openFollowedTogetherChannel } from './service';

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
	// Checks that the actor speaks for the need's verified organisation, that it gave a person
	// key, and that someone else follows the person.
	const person = await personFollowedTogether(actor, needId, { asking: true });
	const channelId = await openFollowedTogetherChannel(actor, person);
	await sendMessage(actor, channelId, {
		body: translate('person_handover_message', locale, {
			organisation: person.organisationName,
			reason
		})
	});
	await notify(
		await coordinatorsOf(person.others),
		'handover_requested',
		// Both languages: each coordinator reads it in their own.
		{
			channelId,
			who: person.organisationName,
			categoryIt: person.categoryIt,
			categoryEn: person.categoryEn
		}
	);
	return channelId;
}
