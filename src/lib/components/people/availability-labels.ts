import { m } from '$lib/paraglide/messages';
import type { dayParts, weekDays } from '$lib/shared/schemas/people';

export const dayNames: Record<(typeof weekDays)[number], () => string> = {
	mon: m.day_mon,
	tue: m.day_tue,
	wed: m.day_wed,
	thu: m.day_thu,
	fri: m.day_fri,
	sat: m.day_sat,
	sun: m.day_sun
};

export const partNames: Record<(typeof dayParts)[number], () => string> = {
	morning: m.part_morning,
	afternoon: m.part_afternoon,
	evening: m.part_evening
};
