import type { notificationKinds } from '../schemas/notifications';

export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationView {
	id: string;
	kind: NotificationKind;
	data: Record<string, string>;
	read: boolean;
	createdAt: string;
}
