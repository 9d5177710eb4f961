-- Made-up people (domains exemple.fr and example.com). What retention does to each row at
-- 2026-11-22 (midnight in Paris) is written out in RetentionTests.ouicom.
INSERT INTO client (id, email, last_name, first_name, address, phone, contract_signed_on, contract_ended_on) VALUES
    (1, 'thomas.renard@exemple.fr', 'Renard', 'Thomas', '5 rue Pasteur, 13001 Marseille', '+33612000201', '2012-03-01', '2016-11-21'),
    (2, 'ursula.klein@example.com', 'Klein', 'Ursula', '12 Hauptstraße, 10115 Berlin', NULL, '2017-01-10', '2020-05-01'),
    (3, 'victor.meunier@exemple.fr', 'Meunier', 'Victor', '9 cours Lafayette, 69003 Lyon', '+33612000203', '2022-09-01', NULL),
    (4, 'wendy.perrin@exemple.fr', 'Perrin', 'Wendy', '2 allée des Pins, 33000 Bordeaux', '+33612000204', '2015-06-01', '2020-01-15'),
    (5, 'xavier.noel@exemple.fr', 'Noël', 'Xavier', '40 rue Nationale, 59000 Lille', NULL, '2021-02-01', '2026-10-31');

INSERT INTO information_request (id, email, last_name, first_name, phone, message, received_at) VALUES
    (11, 'yasmine.bonnet@exemple.fr', 'Bonnet', 'Yasmine', '+33612000211', 'Un devis pour une campagne ?', '2026-05-02T10:00:00+02:00'),
    (12, 'zoe.garnier@example.com', 'Garnier', 'Zoé', NULL, 'Vos tarifs de community management.', '2026-08-20T16:30:00+02:00'),
    (13, 'adam.fontaine@exemple.fr', 'Fontaine', 'Adam', '+33612000213', 'Rappelez-moi.', '2026-04-01T09:00:00+02:00');
