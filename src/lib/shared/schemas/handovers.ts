import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common';

export const handoverStatuses = [
	'pending',
	'accepted',
	'refused',
	'auto_approved',
	'lapsed'
] as const;

export const requestHandoverSchema = z.object({
	/** Why the asker should take over; the holder reads it before answering. */
	reason: requiredText(3, 500),
	/** A particular claim (its holder is asked); otherwise one of the part's or the need's. */
	claimId: idSchema.optional(),
	partId: idSchema.optional(),
	/** The organisation the asker speaks for, as its operator or coordinator. */
	// A form's "just me" choice sends an empty value.
	organisationId: z.preprocess((v) => (v === '' ? undefined : v), idSchema.optional())
});
export type RequestHandoverInput = z.infer<typeof requestHandoverSchema>;

export const answerHandoverSchema = z.object({
	accept: z.boolean('v_invalid'),
	note: optionalText(500)
});
export type AnswerHandoverInput = z.infer<typeof answerHandoverSchema>;

/** Asking the other organisations that follow the same person to hand the person over. */
export const personHandoverSchema = z.object({ reason: requiredText(3, 500) });
