import { z } from 'zod';
import { emailSchema } from './accounts';
import { idSchema, listQuerySchema, optionalText, requiredText } from './common';

/**
 * Kinds of channel. `organisation`, `need` and `territory` channels are made by Rete (one each,
 * on first use); people create `group`, `joint` (between organisations) and `direct` ones.
 */
export const channelKinds = [
	'organisation',
	'joint',
	'need',
	'territory',
	'direct',
	'group'
] as const;
export const creatableKinds = ['group', 'joint', 'direct'] as const;

export const MESSAGE_MAX = 4000;

export const createChannelSchema = z
	.object({
		kind: z.enum(creatableKinds, 'v_invalid'),
		name: optionalText(80),
		members: z.array(idSchema, 'v_invalid').max(100, 'v_invalid').default([]),
		/** A joint channel's organisations: the creator coordinates the first. */
		organisationIds: z.array(idSchema, 'v_invalid').max(20, 'v_invalid').default([])
	})
	.superRefine((v, ctx) => {
		if (v.kind !== 'direct' && v.name.length < 2)
			ctx.addIssue({
				code: 'custom',
				path: ['name'],
				message: v.name ? 'v_too_short' : 'v_required'
			});
		if (v.kind === 'direct' && v.members.length !== 1)
			ctx.addIssue({ code: 'custom', path: ['members'], message: 'v_direct_one_person' });
		if (v.kind === 'joint' && v.organisationIds.length < 2)
			ctx.addIssue({
				code: 'custom',
				path: ['organisationIds'],
				message: 'v_joint_two_organisations'
			});
	});
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

export const addMemberSchema = z.object({ userId: idSchema });

/** Adding someone by e-mail, from the channel page. */
export const addMemberByEmailSchema = z.object({
	email: emailSchema
});

/** A client's own id for a message, so that a retried send stores nothing new. */
export const clientIdSchema = z
	.string('v_invalid')
	.trim()
	.min(1, 'v_invalid')
	.max(64, 'v_invalid')
	.regex(/^[\w.:-]+$/, 'v_invalid');

export const sendMessageSchema = z.object({
	body: requiredText(1, MESSAGE_MAX),
	clientId: clientIdSchema.optional(),
	/** The message this one replies to (a thread). */
	parentId: idSchema.optional()
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const editMessageSchema = z.object({ body: requiredText(1, MESSAGE_MAX) });

export const messagesQuerySchema = z.object({
	/** Messages after this sequence number, oldest first: what a reconnecting client missed. */
	after: z.coerce.number('v_invalid').int('v_invalid').min(0, 'v_invalid').optional(),
	/** Messages before this sequence number, newest page first: history on scroll. */
	before: z.coerce.number('v_invalid').int('v_invalid').min(1, 'v_invalid').optional(),
	limit: listQuerySchema.shape.limit.default(50)
});

export const searchMessagesSchema = z.object({
	q: requiredText(2, 200),
	limit: listQuerySchema.shape.limit
});

export const readMarkerSchema = z.object({
	seq: z.coerce.number('v_invalid').int('v_invalid').min(0, 'v_invalid')
});

export const channelRefSchema = z.object({ channelId: idSchema });
export const socketSendSchema = sendMessageSchema.extend({ channelId: idSchema });
export const socketReadSchema = readMarkerSchema.extend({ channelId: idSchema });
export const presenceSchema = z.object({ status: z.enum(['online', 'away'], 'v_invalid') });
