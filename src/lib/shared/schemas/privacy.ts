import { z } from 'zod';
import { optionalText, requiredText } from './common';

/** Whom a consent lets see the person's contact: the claiming helpers, or the organisation only. */
export const consentRecipients = ['helpers', 'organisation'] as const;
/** Given by the person themselves (their own account), or recorded by an operator at the desk. */
export const consentGivers = ['person', 'operator'] as const;
/** What someone other than the author saw of a person's data. */
export const accessKinds = ['need_contact', 'profile_contact', 'person_key_match'] as const;
/** Through what: a page, an API call. */
export const accessChannels = ['page', 'api'] as const;

export const consentSchema = z.object({
	purpose: requiredText(3, 300),
	recipients: z.enum(consentRecipients, 'v_invalid'),
	givenBy: z.enum(consentGivers, 'v_invalid'),
	note: optionalText(500)
});
export type ConsentInput = z.infer<typeof consentSchema>;

const yes = z
	.union([z.boolean(), z.literal('true'), z.literal('on')], 'v_invalid')
	.optional()
	.transform((v) => v === true || v === 'true' || v === 'on');

export const eraseAccountSchema = z.object({
	password: z.string('v_required').min(1, 'v_required').max(1000, 'v_invalid'),
	/** Also blank the text of every message the person wrote (they stay as "message deleted"). */
	eraseMessages: yes
});
export type EraseAccountInput = z.infer<typeof eraseAccountSchema>;
