import { config } from './config';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = {
	debug: 10,
	info: 20,
	warn: 30,
	error: 40,
	silent: 99
};

// Fields that may carry secrets or personal data never reach the log, whatever a caller passes.
const redacted =
	/pass|token|secret|cookie|authori[sz]ation|email|e-mail|phone|contact|name|address|key/i;

/**
 * An error without its data: database errors carry the query's parameters in their message (and
 * so in their stack), which may be an e-mail or a password hash. Keep the first line, the code
 * and the frames.
 */
function scrubError(error: Error) {
	const e = error as Error & { code?: string; cause?: { code?: string; message?: string } };
	const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0].slice(0, 300);
	return {
		error: e.name,
		message: firstLine(e.message),
		code: e.code ?? e.cause?.code,
		cause: e.cause?.message ? firstLine(e.cause.message) : undefined,
		stack: e.stack
			?.split('\n')
			.filter((line) => line.startsWith('    at '))
			.slice(0, 12)
			.join('\n')
	};
}

function scrub(value: unknown, depth = 0): unknown {
	if (value instanceof Error) return scrubError(value);
	if (value === null || typeof value !== 'object' || depth > 4) return value;
	if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		out[k] = redacted.test(k) ? '[redacted]' : scrub(v, depth + 1);
	}
	return out;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
	if (order[level] < order[config().logLevel]) return;
	const line = JSON.stringify({
		time: new Date().toISOString(),
		level,
		msg,
		...(fields ? (scrub(fields) as object) : {})
	});
	if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
	else process.stdout.write(line + '\n');
}

/** Structured JSON lines. Pass ids and counts, never personal data: keys that look sensitive are redacted. */
export const log = {
	debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
	info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
	warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
	error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields)
};

export { scrub as scrubForLog };
