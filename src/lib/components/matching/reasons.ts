import { m } from '$lib/paraglide/messages';
import type { MatchDetails, MatchReason } from '$lib/shared/views/matching';

/** Whom the words are about: a person, an offer (its author), or a need for the reader. */
export type MatchSubject = 'person' | 'offer' | 'need';

const days = {
	mon: () => m.match_day_mon(),
	tue: () => m.match_day_tue(),
	wed: () => m.match_day_wed(),
	thu: () => m.match_day_thu(),
	fri: () => m.match_day_fri(),
	sat: () => m.match_day_sat(),
	sun: () => m.match_day_sun()
};
const parts = {
	morning: () => m.match_part_morning(),
	afternoon: () => m.match_part_afternoon(),
	evening: () => m.match_part_evening()
};

/**
 * A suggestion's reasons in plain words ("parla arabo", "libera il martedì mattina", "vive a San
 * Salvario"), in the order of the codes; a reason without its details is left out.
 */
export function reasonWords(
	subject: MatchSubject,
	reasons: readonly MatchReason[],
	d: MatchDetails,
	locale: string,
	categoryName: string
): string[] {
	const list = (xs: string[]) =>
		new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(xs);
	const languages = new Intl.DisplayNames([locale], { type: 'language' });
	const words = (reason: MatchReason): string | null => {
		switch (reason) {
			case 'category':
				if (subject === 'offer') return m.match_reason_category_offer({ category: categoryName });
				if (!d.categorySkills.length) return null;
				return subject === 'need'
					? m.match_reason_category_need({ skills: list(d.categorySkills) })
					: m.match_reason_category_person({ skills: list(d.categorySkills) });
			case 'skill':
				if (!d.skills.length) return null;
				return subject === 'need'
					? m.match_reason_skill_need({ skills: list(d.skills) })
					: m.match_reason_skill({ skills: list(d.skills) });
			case 'territory': {
				if (!d.territory) return null;
				const place = d.territory.name;
				if (subject === 'need') return m.match_reason_territory_need({ place });
				if (subject === 'offer') return m.match_reason_territory_offer({ place });
				return d.territory.how === 'near'
					? m.match_reason_territory_near({ place })
					: m.match_reason_territory_person({ place });
			}
			case 'available_now':
				return d.now
					? m.match_reason_available({ day: days[d.now.day](), part: parts[d.now.part]() })
					: null;
			case 'available_due':
				return d.dueDay ? m.match_reason_available_due({ day: days[d.dueDay]() }) : null;
			case 'language':
				return d.languages.length
					? m.match_reason_language({
							languages: list(d.languages.map((l) => languages.of(l) ?? l))
						})
					: null;
			case 'light_load':
				return d.activeClaims === 0 ? m.match_reason_free() : m.match_reason_light_load();
			case 'done_before':
				return subject === 'need'
					? m.match_reason_done_before_me()
					: m.match_reason_done_before({ count: d.done });
		}
	};
	return reasons.map(words).filter((w): w is string => w !== null);
}
