import { roleIn, type Actor } from '../auth/actor';

export interface ChannelTarget {
	kind: 'organisation' | 'joint' | 'need' | 'territory' | 'direct' | 'group';
	/** Members of this organisation belong automatically (organisation and need channels). */
	organisationId: string | null;
	/** A joint channel's organisations. */
	organisationIds: string[];
	createdBy: string | null;
	/** Whether the actor is a member (by name or through the organisation). */
	isMember: boolean;
}

export type ChannelAction =
	'read' | 'post' | 'join' | 'invite' | 'addMember' | 'removeMember' | 'leave' | 'deleteAnyMessage';

/**
 * Who may do what in a channel; the one place these rules live. `subject` is the person being
 * added or removed, with the organisations they belong to.
 */
export function canChannel(
	actor: Actor | null,
	action: ChannelAction,
	channel: ChannelTarget,
	subject?: { id: string; organisationIds: string[] }
): boolean {
	if (!actor) return false;
	const coordinates = (orgId: string | null) => roleIn(actor, orgId) === 'coordinator';
	switch (action) {
		case 'read':
		case 'post':
			return channel.isMember;
		case 'join':
			// Territory channels are open to anyone who opts in; a need's channel to its author.
			return !channel.isMember && channel.kind === 'territory';
		case 'leave':
			// Members through their organisation stay while they belong to it; a direct
			// conversation has no one to leave it to.
			return (
				channel.isMember &&
				channel.kind !== 'direct' &&
				!(channel.organisationId && actor.roles.has(channel.organisationId))
			);
		case 'invite':
			// May bring someone in at all (who exactly: `addMember`).
			if (!channel.isMember) return false;
			if (channel.kind === 'group') return true;
			if (channel.kind === 'joint') return channel.organisationIds.some(coordinates);
			if (channel.kind === 'need') {
				const role = roleIn(actor, channel.organisationId);
				return role === 'coordinator' || role === 'operator';
			}
			return false;
		case 'addMember':
			if (!subject || !canChannel(actor, 'invite', channel)) return false;
			// In a joint channel each coordinator invites people of their own organisation.
			return (
				channel.kind !== 'joint' ||
				channel.organisationIds.some(
					(id) => coordinates(id) && subject.organisationIds.includes(id)
				)
			);
		case 'removeMember': {
			if (!subject || subject.id === actor.id) return false;
			if (channel.kind === 'group') return channel.isMember && channel.createdBy === actor.id;
			if (channel.kind === 'joint')
				return channel.organisationIds.some(
					(id) => coordinates(id) && subject.organisationIds.includes(id)
				);
			if (channel.kind === 'need') return coordinates(channel.organisationId);
			return false;
		}
		case 'deleteAnyMessage':
			// `subject` is the message's author. In a joint channel each organisation's coordinators
			// moderate their own people only: nobody silences another organisation.
			if (channel.kind === 'joint')
				return channel.organisationIds.some(
					(id) => coordinates(id) && !!subject?.organisationIds.includes(id)
				);
			return (
				coordinates(channel.organisationId) ||
				(channel.kind === 'group' && channel.createdBy === actor.id)
			);
	}
}

/** What a channel's page offers the actor: its forms; the service checks again on each action. */
export function channelCan(actor: Actor | null, channel: ChannelTarget) {
	return {
		invite: canChannel(actor, 'invite', channel),
		leave: canChannel(actor, 'leave', channel)
	};
}
