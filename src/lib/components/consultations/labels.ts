import { m } from '$lib/paraglide/messages';
import type { PollMethodName, ResultsVisibility } from '$lib/shared/schemas/consultations';
import type { PollStatus } from '$lib/shared/views/consultations';

const methods: Record<PollMethodName, () => string> = {
	single: () => m.poll_method_single(),
	approval: () => m.poll_method_approval(),
	ranked: () => m.poll_method_ranked(),
	score: () => m.poll_method_score()
};
const statuses: Record<PollStatus, () => string> = {
	scheduled: () => m.poll_status_scheduled(),
	open: () => m.poll_status_open(),
	closed: () => m.poll_status_closed()
};
const shown: Record<ResultsVisibility, () => string> = {
	always: () => m.poll_results_always(),
	after_vote: () => m.poll_results_after_vote(),
	after_close: () => m.poll_results_after_close()
};

export const pollMethodLabel = (method: PollMethodName) => methods[method]();
export const pollStatusLabel = (status: PollStatus) => statuses[status]();
export const pollMethodOptions = () =>
	(Object.keys(methods) as PollMethodName[]).map((v) => ({ value: v, label: methods[v]() }));
export const resultsOptions = () =>
	(Object.keys(shown) as ResultsVisibility[]).map((v) => ({ value: v, label: shown[v]() }));

/** "1st choice", "2nd choice"… for the ranked ballot's rows. */
export const rankLabel = (n: number) => m.poll_rank_choice({ n });
