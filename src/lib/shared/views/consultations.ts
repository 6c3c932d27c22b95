import type {
	ConsultationSettings,
	ConsultationVisibility,
	PhaseKind
} from '../schemas/consultations';

/** A participatory consultation as the API and the pages send it. */
export interface ConsultationView {
	id: string;
	title: string;
	description: string;
	organisationId: string;
	organisationName: string;
	/** Who may take part: residents of this place and everything under it; null: everyone. */
	territoryId: string | null;
	territoryName: string | null;
	visibility: ConsultationVisibility;
	phases: { kind: PhaseKind; startsAt: string; endsAt: string }[];
	currentPhase: PhaseKind;
	settings: ConsultationSettings;
	createdAt: string;
}
