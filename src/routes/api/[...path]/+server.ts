import { apiError } from '$lib/server/http/api';

/** Any path under /api that no endpoint serves: 404 in the API's format, for every method. */
export const fallback = () => apiError('not_found');
