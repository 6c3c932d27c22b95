import { z } from 'zod';
import { commonPasswords } from '../common-passwords';
import { readable, requiredText } from './common';

// Messages are keys of Paraglide messages ("v_…"): the server translates them for the
// person asking, so forms, API answers and socket acks say the same thing in their language.

export const locales = ['it', 'en'] as const;
export const localeSchema = z.enum(locales, 'v_invalid');

export const emailSchema = z
	.string('v_required')
	.trim()
	.toLowerCase()
	.min(1, 'v_required')
	.max(254, 'v_too_long')
	.pipe(z.email('v_email'));

export const newPasswordSchema = z
	.string('v_required')
	.min(1, 'v_required')
	.min(10, 'v_password_short')
	.max(256, 'v_password_long')
	.refine((p) => !commonPasswords.has(p.toLowerCase()), 'v_password_common');

export const personNameSchema = readable(z.string('v_required').trim())
	.min(1, 'v_required')
	.max(100, 'v_too_long');

export const signupSchema = z.object({
	email: emailSchema,
	password: newPasswordSchema,
	name: personNameSchema,
	locale: localeSchema.optional()
});

export const loginSchema = z.object({
	email: emailSchema,
	// Not the new-password rules: an old account may predate them, and the answer must not hint.
	password: z.string('v_required').min(1, 'v_required').max(256, 'v_password_long')
});

export const setupSchema = signupSchema.extend({
	networkName: requiredText(2, 120)
});

export const profileSchema = z.object({
	name: personNameSchema,
	email: emailSchema,
	locale: localeSchema,
	/** Needed only when the e-mail changes. */
	currentPassword: z
		.string('v_invalid')
		.max(256, 'v_password_long')
		.optional()
		.transform((v) => v || undefined)
});

export const changePasswordSchema = z.object({
	currentPassword: z.string('v_required').min(1, 'v_required').max(256, 'v_password_long'),
	newPassword: newPasswordSchema
});

export const languageSchema = z.object({ locale: localeSchema });

/** The token of an e-mail confirmation link (an unknown one is simply not found). */
export const verifyEmailSchema = z.object({
	token: z.string('v_required').trim().min(1, 'v_required').max(100, 'v_invalid')
});

export type SignupInput = z.infer<typeof signupSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
