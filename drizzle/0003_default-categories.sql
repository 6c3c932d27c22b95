-- The categories API.md promises; administrators can add more.
INSERT INTO "categories" ("id", "label_it", "label_en") VALUES
	('food', 'Spesa e cibo', 'Food and shopping'),
	('transport', 'Trasporti', 'Transport'),
	('company', 'Compagnia', 'Company'),
	('paperwork', 'Pratiche e documenti', 'Paperwork'),
	('health', 'Salute', 'Health'),
	('housing', 'Casa', 'Housing'),
	('other', 'Altro', 'Other')
ON CONFLICT ("id") DO NOTHING;
