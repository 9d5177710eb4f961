-- Made-up people (domains exemple.fr and example.com, documentation IP ranges). What retention
-- does to each row at 2026-11-22 (midnight in Paris) is written out in RetentionTests.octoop.
INSERT INTO user_account (id, email, last_name, first_name, phone, company, job_title, contract_ended_at) VALUES
    (1, 'bastien.caron@exemple.fr', 'Caron', 'Bastien', '+33612000301', 'Caron Immobilier', 'Gérant', '2021-11-21T18:00:00Z'),
    (2, 'celine.masson@example.com', 'Masson', 'Céline', NULL, 'Masson Études', 'Responsable marketing', '2022-06-30T12:00:00+02:00');

INSERT INTO invoice (id, account_id, billed_name, billed_email, vat_number, amount, issued_on) VALUES
    (101, 1, 'Caron Immobilier', 'bastien.caron@exemple.fr', 'FR40123456789', '590.00', '2016-11-21'),
    (102, 1, 'Caron Immobilier', 'bastien.caron@exemple.fr', 'FR40123456789', '590.00', '2016-11-23'),
    (103, 2, 'Masson Études', 'celine.masson@example.com', 'FR83987654321', '1290.00', '2022-06-01');

INSERT INTO demo_request (id, email, last_name, first_name, company, requested_at) VALUES
    (201, 'damien.leclerc@exemple.fr', 'Leclerc', 'Damien', 'Leclerc Auto', '2023-11-20T11:00:00+01:00'),
    (202, 'elodie.guerin@example.com', 'Guérin', 'Élodie', 'Guérin Paysage', '2024-01-08T15:00:00+01:00');

INSERT INTO support_conversation (id, contact_name, phone, company, transcript, started_at) VALUES
    (301, 'Fabrice Lemoine', '+33612000331', 'Lemoine Bois', 'Bonjour, je n''arrive plus à publier sur LinkedIn.', '2026-04-01T10:00:00+02:00'),
    (302, 'Gisèle Aubert', '+33612000332', 'Aubert Traiteur', 'Comment ajouter un collaborateur ?', '2023-10-01T09:00:00+02:00'),
    (303, 'Henri Collin', NULL, 'Collin Sport', 'Merci pour la démo !', '2026-06-01T14:00:00+02:00'),
    (304, 'Isabelle Rey', '+33612000334', 'Rey Optique', NULL, '2025-01-15T10:00:00+01:00');

INSERT INTO site_visit (id, cookie_id, ip_address, device_type, first_seen_at) VALUES
    (401, 'c0ffee01', '192.0.2.51', 'mobile', '2025-10-22'),
    (402, 'c0ffee02', '198.51.100.52', 'desktop', '2025-10-22T08:00:00+02:00'),
    (403, 'c0ffee03', '203.0.113.53', 'tablet', '2024-12-01T20:00:00+01:00');
