-- Made-up people (domains exemple.fr and example.com, documentation IP ranges). What retention
-- does to each row at 2026-11-22 (midnight in Paris) is written out in RetentionTests.odigoWebsite.
INSERT INTO contact_request (id, requester_type, first_name, last_name, company, country, email, phone, comments, last_contact_at) VALUES
    (1, 'prospect', 'Jeanne', 'Lambert', 'Lambert Assurances', 'FR', 'jeanne.lambert@exemple.fr', '+33612000101', 'Une démo du centre de contact ?', '2023-11-21T15:00:00+01:00'),
    (2, 'prospect', 'Karim', 'Benali', 'Benali Retail', 'FR', 'karim.benali@example.com', NULL, 'Tarifs pour 200 agents.', '2023-11-23'),
    (3, ' Prospect ', 'Laura', 'Costa', 'Costa Lda', 'PT', 'laura.costa@example.com', '+351912000103', 'Contact me about the API.', '2025-02-01'),
    (4, 'customer', 'Marc', 'Dupuis', 'Dupuis Énergie', 'FR', 'marc.dupuis@exemple.fr', '+33612000104', 'Question sur notre facture.', '2020-01-06'),
    (5, 'customer', 'Nadia', 'Ferrand', 'Ferrand Voyages', 'FR', 'nadia.ferrand@exemple.fr', NULL, 'Nous résilions au 1er octobre.', '2026-09-15'),
    (6, 'partner', 'Oscar', 'Weber', 'Weber GmbH', 'DE', 'oscar.weber@example.com', NULL, 'Partnership idea.', '2021-05-05'),
    (7, NULL, 'Pauline', 'Roy', NULL, 'BE', 'pauline.roy@example.com', NULL, NULL, '2022-02-02');

INSERT INTO job_application (id, email, first_name, last_name, resume, applied_on) VALUES
    (21, 'quentin.marchand@exemple.fr', 'Quentin', 'Marchand', 'Développeur Swift, 6 ans.', '2024-11-21'),
    (22, 'rose.vidal@example.com', 'Rose', 'Vidal', 'Chargée de clientèle, 3 ans.', '2024-11-23'),
    (23, 'samir.chevalier@exemple.fr', 'Samir', 'Chevalier', 'Chef de projet, 8 ans.', '2025-06-01');

INSERT INTO server_log (id, ip_address, request_line, logged_at) VALUES
    (31, '192.0.2.41', 'GET /fr/contact', '2025-11-21T22:59:59Z'),
    (32, '198.51.100.42', 'GET /en/careers', '2025-11-22T00:00:00+01:00'),
    (33, '203.0.113.43', 'POST /fr/contact', '2025-11-22T12:00:00+01:00');
