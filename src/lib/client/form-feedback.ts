/**
 * What an action answered, for one form of a page: a success sentence, or an error message with
 * per-field messages and the values typed. Pages with several forms pass the form's name.
 */
export interface Feedback {
	kind: 'success' | 'error';
	text?: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

interface ActionAnswer {
	form?: string;
	success?: string;
	message?: string;
	fields?: Record<string, string>;
	values?: Record<string, string>;
}

export function feedback(form: unknown, name?: string): Feedback {
	const answer = (form ?? undefined) as ActionAnswer | undefined;
	const mine = answer && (name === undefined || answer.form === name) ? answer : undefined;
	if (mine?.success) return { kind: 'success', text: mine.success, fields: {}, values: {} };
	return {
		kind: 'error',
		text: mine?.message,
		fields: mine?.fields ?? {},
		values: mine?.values ?? {}
	};
}
