-- Registre test fixture: rows of the shop database (load schema.sql first).
-- Portable SQL for SQLite 3.40+ and PostgreSQL 15: plain INSERTs, single-quoted strings
-- (an apostrophe is doubled: 'O''Brien'), no database-specific function.
-- Every name, address, number and email below is made up; domains are exemple.fr / example.com.
--
-- Who owns what (README.md lists the expected result of an access request for each person):
--   customer 1  Jeanne Dupont     'Jeanne.Dupont@Exemple.fr'    has rows in every table
--   customer 2  Karim Benali      'karim.benali@example.com'    referred by Jeanne (referral 951)
--   customer 3  Paul Martin       'paul.martin@exemple.fr'      owns address 30, the home he shares with Claire
--   customer 4  Claire Martin     'Claire.MARTIN@exemple.fr'    default address = 30 (Paul's row); ships to 30
--   customer 5  Patrick O'Brien   'patrick.o''brien@example.com' no order at all, no address, no phone
--   customer 6  François Lefèvre  'francois.lefevre@example.com'
--   not a customer: Margot Leroy  'margot.leroy@example.com'    only in newsletter_subscription
--   not a customer: Lucie Bernard 'Lucie.Bernard@example.com'   only as referee_email of referral 952
--
-- Traps for a careless traversal (one that follows a reference against its direction):
--   * address 30 belongs to Paul (customer_id 3) but is also Claire's default address and the
--     shipping address of Claire's order 106. Going back from address 30 to customer / orders
--     would leak Paul's rows into Claire's answer, and Claire's into Paul's.
--   * referral 951 links Jeanne (referrer) and Karim (referee). Going from referral back to
--     customer would leak Jeanne's rows into Karim's answer, and Karim's into Jeanne's.

-- customer: inserted first; default_address_id / billing_address_id have no FK constraint.
INSERT INTO customer (id, customer_number, email, phone, first_name, last_name, birth_date, password_hash, default_address_id, billing_address_id, created_at, last_login_at) VALUES
    (1, 'C-000042', 'Jeanne.Dupont@Exemple.fr', '06 12 34 56 78', 'Jeanne', 'Dupont', '1984-03-12', '$argon2id$v=19$m=65536,t=3,p=4$ZXhlbXBsZTE$aGFzaDE', 10, 11, '2021-05-04T09:12:00Z', '2024-11-02T18:40:00Z'),
    (2, 'C-000107', 'karim.benali@example.com', '+33698765432', 'Karim', 'Benali', '1990-07-28', '$argon2id$v=19$m=65536,t=3,p=4$ZXhlbXBsZTI$aGFzaDI', 20, NULL, '2022-01-17T14:03:00Z', '2024-10-21T07:55:00Z'),
    (3, 'C-000133', 'paul.martin@exemple.fr', '07.11.22.33.44', 'Paul', 'Martin', '1978-11-02', '$argon2id$v=19$m=65536,t=3,p=4$ZXhlbXBsZTM$aGFzaDM', 30, NULL, '2022-06-09T20:47:00Z', '2024-09-30T12:15:00Z'),
    (4, 'C-000134', 'Claire.MARTIN@exemple.fr', '+33 7 55 66 77 88', 'Claire', 'Martin', '1981-02-19', '$argon2id$v=19$m=65536,t=3,p=4$ZXhlbXBsZTQ$aGFzaDQ', 30, 40, '2022-06-10T08:30:00Z', '2024-11-05T21:02:00Z'),
    (5, 'C-000200', 'patrick.o''brien@example.com', NULL, 'Patrick', 'O''Brien', NULL, '$argon2id$v=19$m=65536,t=3,p=4$ZXhlbXBsZTU$aGFzaDU', NULL, NULL, '2024-02-11T16:20:00Z', '2024-02-11T16:25:00Z'),
    (6, 'C-000215', 'francois.lefevre@example.com', '0645678901', 'François', 'Lefèvre', '1969-09-05', '$argon2id$v=19$m=65536,t=3,p=4$ZXhlbXBsZTY$aGFzaDY', 60, 60, '2023-03-22T11:11:00Z', NULL);

-- address: 10, 11 Jeanne; 20 Karim; 30 Paul (shared home with Claire); 40 Claire; 60 François.
INSERT INTO address (id, customer_id, label, recipient_name, street, postal_code, city, country, created_at) VALUES
    (10, 1, 'Domicile', 'Jeanne Dupont', '12 rue des Lilas', '75011', 'Paris', 'FR', '2021-05-04T09:15:00Z'),
    (11, 1, 'Bureau', 'Jeanne Dupont – Exemple SARL', '3 place Bellecour', '69002', 'Lyon', 'FR', '2023-01-10T10:00:00Z'),
    (20, 2, 'Domicile', 'Karim Benali', '8 allée des Châtaigniers', '13008', 'Marseille', 'FR', '2022-01-17T14:05:00Z'),
    (30, 3, 'Maison', 'Paul et Claire Martin', '27 rue de la Gaîté', '25000', 'Besançon', 'FR', '2022-06-09T20:50:00Z'),
    (40, 4, 'Travail', 'Claire Martin', '5 quai de la Fontaine', '30000', 'Nîmes', 'FR', '2022-06-10T08:35:00Z'),
    (60, 6, 'Domicile', 'François Lefèvre', '1 impasse du Four', '45000', 'Orléans', 'FR', '2023-03-22T11:15:00Z');

-- product: the catalogue, no personal data. 207 is never ordered.
INSERT INTO product (id, sku, name, unit_price, active) VALUES
    (201, 'THE-VERT-100', 'Thé vert Sencha 100 g', 8.90, 1),
    (202, 'SAVON-LAV', 'Savon à la lavande', 4.50, 1),
    (203, 'TASSE-GRES', 'Tasse en grès', 14.00, 1),
    (204, 'CAFE-MOULU-250', 'Café moulu 250 g', 6.75, 1),
    (205, 'BOUGIE-FIGUE', 'Bougie parfumée à la figue', 19.90, 1),
    (206, 'CARNET-A5', 'Carnet A5 ligné', 7.20, 1),
    (207, 'CALENDRIER-2023', 'Calendrier 2023', 9.00, 0);

-- payment_card: 501, 502 Jeanne (502 expired); 503 Karim; 504 Paul; 505 Claire.
INSERT INTO payment_card (id, customer_id, holder_name, brand, last4, expiry_month, expiry_year, psp_token, created_at) VALUES
    (501, 1, 'JEANNE DUPONT', 'visa', '4242', 9, 2027, 'tok_ex_1a2b3c4d5e', '2021-05-04T09:30:00Z'),
    (502, 1, 'J DUPONT', 'mastercard', '4444', 2, 2023, 'tok_ex_6f7a8b9c0d', '2021-12-01T17:45:00Z'),
    (503, 2, 'KARIM BENALI', 'cb', '1881', 11, 2026, 'tok_ex_2b3c4d5e6f', '2022-01-17T14:10:00Z'),
    (504, 3, 'PAUL MARTIN', 'visa', '0005', 4, 2028, 'tok_ex_3c4d5e6f7a', '2022-06-09T21:00:00Z'),
    (505, 4, 'CLAIRE MARTIN', 'visa', '1117', 8, 2026, 'tok_ex_4d5e6f7a8b', '2022-06-10T08:40:00Z');

-- customer_order: 101, 102 Jeanne; 103 Karim; 104, 105 Paul; 106 Claire (shipped to Paul's
-- address 30); 107 François. 102 and 107 were paid by bank transfer (payment_card_id NULL).
INSERT INTO customer_order (id, order_number, customer_id, shipping_address_id, payment_card_id, status, placed_at, total_amount, currency) VALUES
    (101, 'CMD-2023-0101', 1, 10, 501, 'delivered', '2023-02-14T19:05:00Z', 31.80, 'EUR'),
    (102, 'CMD-2024-0102', 1, 11, NULL, 'delivered', '2024-04-02T08:50:00Z', 9.00, 'EUR'),
    (103, 'CMD-2023-0103', 2, 20, 503, 'returned', '2023-11-20T12:30:00Z', 13.50, 'EUR'),
    (104, 'CMD-2023-0104', 3, 30, 504, 'delivered', '2023-06-01T20:15:00Z', 48.70, 'EUR'),
    (105, 'CMD-2024-0105', 3, 30, 504, 'shipped', '2024-10-28T07:40:00Z', 14.00, 'EUR'),
    (106, 'CMD-2024-0106', 4, 30, 505, 'delivered', '2024-03-08T13:22:00Z', 14.40, 'EUR'),
    (107, 'CMD-2024-0107', 6, 60, NULL, 'cancelled', '2024-07-14T10:00:00Z', 11.25, 'EUR');

-- order_line: (order_id, line_no); each line belongs to the owner of its order.
INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price, gift_message) VALUES
    (101, 1, 201, 2, 8.90, NULL),
    (101, 2, 203, 1, 14.00, 'Joyeux anniversaire, maman ! Je t''embrasse. Jeanne'),
    (102, 1, 202, 2, 4.50, NULL),
    (103, 1, 204, 2, 6.75, NULL),
    (104, 1, 201, 1, 8.90, NULL),
    (104, 2, 205, 2, 19.90, 'Pour Claire, avec tout mon amour. Paul'),
    (105, 1, 203, 1, 14.00, NULL),
    (106, 1, 206, 2, 7.20, NULL),
    (107, 1, 202, 1, 4.50, NULL),
    (107, 2, 204, 1, 6.75, NULL);

-- login: 901, 902 Jeanne; 903 Karim; 904 Paul; 905, 906 Claire; 907 Patrick O'Brien.
INSERT INTO login (id, customer_id, ip_address, user_agent, started_at, ended_at) VALUES
    (901, 1, '192.0.2.10', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) Safari/605.1.15', '2024-11-01T08:02:00Z', '2024-11-01T08:20:00Z'),
    (902, 1, '2001:db8::42', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148', '2024-11-02T18:40:00Z', NULL),
    (903, 2, '198.51.100.7', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0', '2024-10-21T07:55:00Z', '2024-10-21T08:10:00Z'),
    (904, 3, '203.0.113.30', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0', '2024-09-30T12:15:00Z', '2024-09-30T12:31:00Z'),
    (905, 4, '203.0.113.30', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0', '2024-03-08T13:10:00Z', '2024-03-08T13:25:00Z'),
    (906, 4, '198.51.100.44', 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile', '2024-11-05T21:02:00Z', NULL),
    (907, 5, '192.0.2.77', NULL, '2024-02-11T16:25:00Z', '2024-02-11T16:40:00Z');

-- support_ticket: 701 Jeanne (about order 101); 702 Jeanne (no order); 703 Karim (order 103);
-- 704 Claire (order 106); 705 Patrick O'Brien (no order: he never ordered).
INSERT INTO support_ticket (id, customer_id, order_id, subject, status, opened_at, closed_at) VALUES
    (701, 1, 101, 'Tasse arrivée ébréchée', 'closed', '2023-02-20T10:00:00Z', '2023-02-22T15:30:00Z'),
    (702, 1, NULL, 'Modifier mon adresse e-mail', 'open', '2024-10-30T09:45:00Z', NULL),
    (703, 2, 103, 'Remboursement du retour', 'closed', '2023-11-25T16:12:00Z', '2023-12-01T09:00:00Z'),
    (704, 4, 106, 'Colis livré chez le voisin', 'closed', '2024-03-12T18:00:00Z', '2024-03-13T10:10:00Z'),
    (705, 5, NULL, 'Livraison en Irlande ?', 'open', '2024-02-11T16:30:00Z', NULL);

-- ticket_message: (ticket_id, message_no); each message belongs to the owner of its ticket.
INSERT INTO ticket_message (ticket_id, message_no, author, body, sent_at) VALUES
    (701, 1, 'customer', 'Bonjour, la tasse de ma commande CMD-2023-0101 est arrivée ébréchée. Pouvez-vous la remplacer ?', '2023-02-20T10:00:00Z'),
    (701, 2, 'agent', 'Bonjour Madame Dupont, nous vous envoyons une nouvelle tasse. Toutes nos excuses.', '2023-02-22T15:30:00Z'),
    (702, 1, 'customer', 'Je voudrais remplacer Jeanne.Dupont@Exemple.fr par mon adresse perso.', '2024-10-30T09:45:00Z'),
    (703, 1, 'customer', 'J''ai renvoyé le café le 22/11, quand serai-je remboursé ?', '2023-11-25T16:12:00Z'),
    (703, 2, 'agent', 'Le remboursement a été lancé ce jour.', '2023-11-28T11:00:00Z'),
    (703, 3, 'customer', 'Reçu, merci beaucoup !', '2023-12-01T09:00:00Z'),
    (704, 1, 'customer', 'Mon colis a été déposé chez le voisin du 29, rue de la Gaîté.', '2024-03-12T18:00:00Z'),
    (705, 1, 'customer', 'Hello, do you ship to Ireland? Merci, Patrick O''Brien', '2024-02-11T16:30:00Z'),
    (705, 2, 'agent', 'Bonjour, oui : la livraison en Irlande prend 5 à 7 jours.', '2024-02-12T09:05:00Z');

-- loyalty_account: 801 Jeanne; 802 Karim; 803 Claire; 804 François.
INSERT INTO loyalty_account (id, customer_id, card_number, points_balance, tier, opened_at, last_activity_at) VALUES
    (801, 1, 'FID-0000-0042', 1250, 'or', '2021-05-04T09:40:00Z', '2024-04-02T08:50:00Z'),
    (802, 2, 'FID-0000-0107', 180, 'argent', '2022-01-17T14:15:00Z', '2023-11-20T12:30:00Z'),
    (803, 4, 'FID-0000-0134', 95, 'bronze', '2022-06-10T08:45:00Z', '2024-03-08T13:22:00Z'),
    (804, 6, 'FID-0000-0215', 0, 'bronze', '2023-03-22T11:20:00Z', '2023-03-22T11:20:00Z');

-- newsletter_subscription: keyed by email only, in whatever case the person typed it.
--   Jeanne: two rows, neither in the case of customer.email; Karim: one; Claire: one;
--   Patrick O'Brien: one; Margot Leroy (not a customer): two. Paul, François: none.
INSERT INTO newsletter_subscription (email, list_code, subscribed_at, confirmed, consent_ip) VALUES
    ('jeanne.dupont@exemple.fr', 'promos', '2021-05-04T09:13:00Z', 1, '192.0.2.10'),
    ('JEANNE.DUPONT@EXEMPLE.FR', 'nouveautes', '2023-09-01T12:00:00Z', 1, '192.0.2.10'),
    ('Karim.Benali@Example.com', 'promos', '2022-01-17T14:04:00Z', 0, '198.51.100.7'),
    ('claire.martin@exemple.fr', 'promos', '2022-06-10T08:31:00Z', 1, '203.0.113.30'),
    ('Patrick.O''Brien@Example.com', 'nouveautes', '2024-02-11T16:21:00Z', 1, '192.0.2.77'),
    ('margot.leroy@example.com', 'promos', '2023-12-24T22:10:00Z', 1, NULL),
    ('margot.leroy@example.com', 'nouveautes', '2023-12-24T22:10:00Z', 1, NULL);

-- referral: 951 Jeanne invited Karim, who opened account 2; 952 Jeanne invited Lucie Bernard,
-- who never opened an account (referee_customer_id NULL).
INSERT INTO referral (id, referrer_customer_id, referee_customer_id, referee_email, reward_points, created_at) VALUES
    (951, 1, 2, 'karim.benali@example.com', 100, '2022-01-10T18:00:00Z'),
    (952, 1, NULL, 'Lucie.Bernard@example.com', 0, '2024-06-01T10:30:00Z');
