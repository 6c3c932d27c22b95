import { afterNavigate } from '$app/navigation';

/**
 * A button that shows and hides a panel (the site's menu, the account menu). It closes when the
 * page changes, on Escape (focus goes back to its button, so the keyboard is not lost) and on a
 * click elsewhere. Made while a component initialises (it listens to navigation).
 */
export class Disclosure {
	open = $state(false);

	constructor() {
		afterNavigate(() => (this.open = false));
	}

	toggle = () => {
		this.open = !this.open;
	};

	/** An attachment for the element that holds both the button and its panel. */
	root = (node: HTMLElement) => {
		const onKey = (event: KeyboardEvent) => {
			if (event.key !== 'Escape' || !this.open) return;
			this.open = false;
			node.querySelector<HTMLElement>('[aria-expanded]')?.focus();
		};
		const onPointer = (event: PointerEvent) => {
			if (this.open && !node.contains(event.target as Node)) this.open = false;
		};
		node.addEventListener('keydown', onKey);
		document.addEventListener('pointerdown', onPointer);
		return () => {
			node.removeEventListener('keydown', onKey);
			document.removeEventListener('pointerdown', onPointer);
		};
	};
}
