import { z } from 'zod';
import { idList, idSchema, optionalText, phoneSchema } from './common';

export const contactPreferences = ['app', 'email', 'phone'] as const;
export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const dayParts = ['morning', 'afternoon', 'evening'] as const;
/** Languages people commonly speak in Italian neighbourhoods; free choice beyond the list is not needed to match. */
export const spokenLanguages = [
	'it',
	'en',
	'fr',
	'es',
	'de',
	'ar',
	'ro',
	'sq',
	'uk',
	'zh',
	'bn',
	'wo'
] as const;

/** Free times in a week: `{ mon: ['morning'] }`. */
export type WeeklyAvailability = Partial<
	Record<(typeof weekDays)[number], (typeof dayParts)[number][]>
>;
const slot = z.templateLiteral([z.enum(weekDays), ':', z.enum(dayParts)], 'v_invalid');

/** Weekly availability: `{ mon: ['morning'] }` from the API, or "mon:morning" checkboxes from a form. */
export const availabilitySchema = z
	.union(
		[
			z.partialRecord(
				z.enum(weekDays, 'v_invalid'),
				z.array(z.enum(dayParts, 'v_invalid')).max(3, 'v_invalid')
			),
			slot,
			z.array(slot)
		],
		'v_invalid'
	)
	.optional()
	.transform((v): WeeklyAvailability => {
		if (v === undefined) return {};
		if (typeof v === 'object' && !Array.isArray(v)) return v;
		const out: WeeklyAvailability = {};
		for (const s of Array.isArray(v) ? v : [v]) {
			const [day, part] = s.split(':') as [(typeof weekDays)[number], (typeof dayParts)[number]];
			out[day] = [...new Set([...(out[day] ?? []), part])];
		}
		return out;
	});

/** A checkbox from a form ("on", or absent) or a boolean from JSON. */
const checkbox = z
	.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')], 'v_invalid')
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true');

export const updateProfileSchema = z.object({
	homeTerritoryId: z
		.union([idSchema, z.literal('')], 'v_invalid')
		.optional()
		.transform((v) => v || null),
	languages: z
		.union(
			[z.enum(spokenLanguages, 'v_invalid'), z.array(z.enum(spokenLanguages, 'v_invalid'))],
			'v_invalid'
		)
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
	skillIds: idList,
	otherSkills: optionalText(500),
	availability: availabilitySchema,
	contactPreference: z.enum(contactPreferences, 'v_invalid').default('app'),
	phone: phoneSchema,
	shareContact: checkbox,
	/** Never shown to coordinators as someone who fits a need (people are suggested unless they say so). */
	hideFromSuggestions: checkbox
});

export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;
