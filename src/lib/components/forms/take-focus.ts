/**
 * Focuses an element as it appears (a question the form now asks, a step just opened): after
 * an enhanced submit the keyboard is where the news is, not on a button far below it.
 */
export function takeFocus(node: HTMLElement) {
	node.focus();
}
