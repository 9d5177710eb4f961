-- Made-up people (domains exemple.fr and example.com, documentation IP ranges). What retention
-- does to each row at 2026-11-22 (midnight in Paris) is written out in RetentionTests.odoip.
INSERT INTO customer (id, email, first_name, last_name, job_title, company, registration_number, phone, address, telephony_settings, created_at) VALUES
    (1, 'alice.martin@exemple.fr', 'Alice', 'Martin', 'Gérante', 'Martin Conseil', '812345678', '+33612000001', '3 rue des Lilas, 91000 Évry', 'centrex:12', '2015-01-10T09:00:00Z'),
    (2, 'bruno.petit@example.com', 'Bruno', 'Petit', 'DSI', 'Petit & Fils', '823456789', '+33612000002', '8 avenue Foch, 75116 Paris', 'centrex:4', '2019-03-05T14:30:00Z'),
    (3, 'chloe.roux@exemple.fr', 'Chloé', 'Roux', 'Comptable', 'Roux SARL', '834567890', '+33612000003', '1 place du Marché, 69002 Lyon', 'centrex:7', '2023-02-01T08:15:00Z'),
    (4, 'david.leroy@example.com', 'David', 'Leroy', 'Directeur', 'Leroy Transports', '845678901', '+33612000004', '22 quai de la Loire, 44000 Nantes', 'centrex:2', '2016-05-20T10:00:00Z');

INSERT INTO invoice (id, customer_id, number, billed_name, billed_company, billed_address, billed_email, iban, amount_cents, issued_on) VALUES
    (1001, 1, 'F-2015-0001', 'Alice Martin', 'Martin Conseil', '3 rue des Lilas, 91000 Évry', 'alice.martin@exemple.fr', 'FR7630001007941234567890185', 12000, '2015-03-01'),
    (1002, 1, 'F-2020-0412', 'Alice Martin', 'Martin Conseil', '3 rue des Lilas, 91000 Évry', 'alice.martin@exemple.fr', 'FR7630001007941234567890185', 15000, '2020-05-01'),
    (1003, 2, 'F-2019-0120', 'Bruno Petit', 'Petit & Fils', '8 avenue Foch, 75116 Paris', 'bruno.petit@example.com', 'FR7630004000031234567890143', 9900, '2019-04-01'),
    (1004, 4, 'F-2016-0300', 'David Leroy', 'Leroy Transports', '22 quai de la Loire, 44000 Nantes', 'david.leroy@example.com', NULL, 45000, '2016-06-30'),
    (1005, 4, 'F-2016-0501', 'David Leroy', 'Leroy Transports', '22 quai de la Loire, 44000 Nantes', 'david.leroy@example.com', NULL, 45000, '2016-12-01');

INSERT INTO support_ticket (id, customer_id, subject, body, contact_email, opened_at) VALUES
    (501, 1, 'Renvoi d''appel', 'Le renvoi vers mon mobile ne marche plus.', 'alice.martin@exemple.fr', '2021-09-14T08:00:00Z'),
    (502, 2, 'Boîte pleine', 'Ma boîte aux lettres est pleine.', 'bruno.petit@example.com', '2023-10-02T13:20:00Z'),
    (503, 3, 'Nouvelle ligne', 'Ajouter une ligne pour une stagiaire.', 'chloe.roux@exemple.fr', '2024-04-11T09:45:00Z'),
    (504, 4, 'Résiliation', 'Merci de résilier au 22 novembre.', 'david.leroy@example.com', '2023-10-30T16:00:00Z');

INSERT INTO prospect (id, email, first_name, last_name, company, job_title, phone, last_contact_at) VALUES
    (701, 'emma.blanc@example.com', 'Emma', 'Blanc', 'Blanc Immobilier', 'Gérante', '+33612000011', '2023-01-10'),
    (702, 'farid.haddad@exemple.fr', 'Farid', 'Haddad', 'Haddad BTP', 'Président', '+33612000012', '2024-06-01T10:00:00+02:00'),
    (703, 'gaelle.morel@example.com', 'Gaëlle', 'Morel', 'Morel Design', 'Fondatrice', NULL, NULL),
    (704, 'hugo.faure@exemple.fr', 'Hugo', 'Faure', 'Faure Audit', 'Associé', NULL, 'le mois dernier'),
    (705, 'ines.girard@example.com', 'Inès', 'Girard', 'Girard Avocats', 'Avocate', NULL, '2023-11-21T23:30:00Z');

INSERT INTO access_log (id, customer_id, ip_address, path, logged_at) VALUES
    (9001, 1, '192.0.2.10', '/espace-client/factures', '2025-11-21T10:00:00Z'),
    (9002, 2, '198.51.100.7', '/espace-client/lignes', '2025-11-22T12:00:00+01:00'),
    (9003, NULL, '203.0.113.5', '/connexion', '2024-03-31T00:30:00Z'),
    (9004, 3, '192.0.2.33', '/espace-client', '2026-01-01T08:00:00Z');
