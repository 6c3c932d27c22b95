import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { DomainError, describeError, retryMessage } from '../errors';
import { translate } from '../i18n/translate';
import { parse } from '../input';
import { log } from '../log';

export interface FormFailure {
	/** Which form of the page failed, where a page has several. */
	form?: string;
	message: string;
	fields: Record<string, string>;
	/** What the person typed (secrets left out), so the form does not empty itself. */
	values: Record<string, string>;
	extra?: Record<string, unknown>;
}

// Passwords and person keys never travel back, not even to the person who typed them.
const SECRET_FIELD = /password|personKey/i;

function echo(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string' && !SECRET_FIELD.test(k)) values[k] = v;
	return values;
}

/** A form as an object; a key sent several times (checkboxes, multi-selects) becomes a list. */
export function formToObject(
	form: FormData
): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
	const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key);
		out[key] = all.length > 1 ? all : all[0];
	}
	return out;
}

function failure(
	error: DomainError,
	values: Record<string, string>,
	form?: string
): ActionFailure<FormFailure> {
	const { status, code, message, fields = {}, extra, retryAfterSeconds } = describeError(error);
	return fail(status, {
		form,
		message:
			code === 'rate_limited' && retryAfterSeconds
				? retryMessage(retryAfterSeconds)
				: code === 'invalid_input'
					? translate('form_has_errors')
					: message,
		fields,
		values,
		// Extra data of an error (e.g. the candidates of a possible duplicate) travels with it.
		extra
	});
}

/**
 * A form action: the form's fields parsed by a shared schema, then `run`. Invalid input and
 * domain errors come back to the form as a message and per-field messages; nothing is changed.
 * `shape` turns the form into the schema's input where fields need gathering (e.g. task rows).
 */
export async function handleForm<S extends z.ZodType, R>(
	request: Request,
	schema: S,
	run: (input: z.infer<S>) => Promise<R>,
	options: { form?: string; shape?: (form: FormData) => Record<string, unknown> } = {}
): Promise<R | ActionFailure<FormFailure>> {
	// A body that is not a form (or a broken one) is treated as an empty form: every field is missing.
	const form = await request.formData().catch(() => new FormData());
	const values = echo(form);
	const input = options.shape ? options.shape(form) : formToObject(form);
	try {
		return await run(parse(schema, input));
	} catch (error) {
		if (error instanceof DomainError) return failure(error, values, options.form);
		log.error('unexpected error in a form', { error });
		throw error;
	}
}
