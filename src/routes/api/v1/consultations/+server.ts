import { json } from '@sveltejs/kit';
import { createConsultation, listConsultations } from '$lib/server/consultations/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import {
	consultationsQuerySchema,
	createConsultationSchema
} from '$lib/shared/schemas/consultations';

/** Consultations the caller may see (signed out: public ones), newest first. */
export const GET = endpoint(async (event) =>
	json(
		await listConsultations(await actorOf(event), readQuery(event.url, consultationsQuerySchema))
	)
);

/** Coordinators of a verified organisation open one: 201 `{ consultation }`. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createConsultationSchema);
	const consultation = await createConsultation(await actorOf(event), input);
	return json({ consultation }, { status: 201 });
});
