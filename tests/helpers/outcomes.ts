import { testActor } from './actors';
import type { Actor } from '../../src/lib/server/auth/actor';
import { signup } from '../../src/lib/server/auth/service';
import { DomainError } from '../../src/lib/server/errors';
import { goodPassword, uniqueEmail } from './server';

/** 'ok', or the code of the domain error a service call refused with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'ok';
	} catch (error) {
		if (error instanceof DomainError) return error.code;
		throw error;
	}
}

/** Someone signed up in-process, as the actor a service sees (no organisation yet). */
export async function signedUpActor(name: string): Promise<Actor> {
	const { user } = await signup(
		{ email: uniqueEmail(name.toLowerCase()), password: goodPassword, name },
		{ ip: 'x' }
	);
	return testActor(user.id, { isAdmin: false, name });
}

/** Like `codeOf`, with the specific reason when there is one ("conflict:claim_limit"). */
export async function codeWithReason(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'ok';
	} catch (error) {
		if (error instanceof DomainError) {
			const reason = error.details.extra?.reason;
			return reason ? `${error.code}:${reason}` : error.code;
		}
		throw error;
	}
}
