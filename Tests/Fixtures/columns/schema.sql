-- A small shop's database for registre scan --connection: what a dataset declares, and what it
-- does not. Fictional people; e-mail domains are exemple.fr, phone numbers from the 06 and 01 plans.
CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    prenom VARCHAR(80),
    nom VARCHAR(80),
    email VARCHAR(255),
    mobile VARCHAR(40),
    fax VARCHAR(40),
    date_naissance DATE,
    tel VARCHAR(40),
    notes TEXT,
    balance NUMERIC(10, 2),
    status VARCHAR(20),
    is_active BOOLEAN,
    created_at TIMESTAMP
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER,
    amount NUMERIC(10, 2),
    reference VARCHAR(20),
    shipping_address TEXT
);
CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    name VARCHAR(80),
    price NUMERIC(10, 2),
    sku VARCHAR(20)
);
CREATE TABLE newsletter (
    id INTEGER PRIMARY KEY,
    email VARCHAR(255),
    subscribed_at TIMESTAMP
);

INSERT INTO customer (id, prenom, nom, email, mobile, fax, date_naissance, tel, notes, balance, status, is_active, created_at) VALUES
    (1, 'Paul', 'Durand', 'paul.durand1@exemple.fr', '06 12 34 56 11', NULL, '1961-02-02', '01 45 67 89 11', 'RAS', 37.50, 'active', TRUE, '2024-01-02 10:00:00'),
    (2, 'Claire', 'Nguyen', 'claire.nguyen2@exemple.fr', '06 12 34 56 12', NULL, '1962-03-03', '01 45 67 89 12', 'Rappeler au 06 23 45 67 12 ou écrire à claire.nguyen2@exemple.fr', 74.50, 'closed', FALSE, '2024-01-03 10:00:00'),
    (3, 'Karim', 'Fontaine', 'karim.fontaine3@exemple.fr', '06 12 34 56 13', 'n/a', '1963-04-04', '01 45 67 89 13', 'RAS', 111.50, 'active', TRUE, '2024-01-04 10:00:00'),
    (4, 'Sophie', 'Benali', 'sophie.benali4@exemple.fr', '06 12 34 56 14', NULL, '1964-05-05', '01 45 67 89 14', 'Rappeler au 06 23 45 67 14 ou écrire à sophie.benali4@exemple.fr', 148.50, 'closed', FALSE, '2024-01-05 10:00:00'),
    (5, 'Lucas', 'Moreau', 'lucas.moreau5@exemple.fr', '06 12 34 56 15', NULL, '1965-06-06', '01 45 67 89 15', 'RAS', 185.50, 'active', TRUE, '2024-01-06 10:00:00'),
    (6, 'Amina', 'Roux', 'amina.roux6@exemple.fr', '06 12 34 56 16', 'n/a', '1966-07-07', '01 45 67 89 16', 'Rappeler au 06 23 45 67 16 ou écrire à amina.roux6@exemple.fr', 222.50, 'closed', FALSE, '2024-01-07 10:00:00'),
    (7, 'Hugo', 'Martin', 'hugo.martin7@exemple.fr', '06 12 34 56 17', NULL, '1967-08-08', '01 45 67 89 17', 'RAS', 259.50, 'active', TRUE, '2024-01-08 10:00:00'),
    (8, 'Léa', 'Le Gall', 'lea.legall8@exemple.fr', '06 12 34 56 18', NULL, '1968-09-09', '01 45 67 89 18', 'Rappeler au 06 23 45 67 18 ou écrire à lea.legall8@exemple.fr', 296.50, 'closed', FALSE, '2024-01-09 10:00:00'),
    (9, 'Mathis', 'Petit', 'mathis.petit9@exemple.fr', '06 12 34 56 19', 'n/a', '1969-10-10', '01 45 67 89 19', 'RAS', 333.50, 'active', TRUE, '2024-01-10 10:00:00'),
    (10, 'Jeanne', 'Dupont', 'jeanne.dupont10@exemple.fr', '06 12 34 56 20', NULL, '1970-11-11', '01 45 67 89 20', 'Rappeler au 06 23 45 67 20 ou écrire à jeanne.dupont10@exemple.fr', 370.50, 'closed', FALSE, '2024-01-11 10:00:00'),
    (11, 'Paul', 'Durand', 'paul.durand11@exemple.fr', '06 12 34 56 21', NULL, '1971-12-12', '01 45 67 89 21', 'RAS', 407.50, 'active', TRUE, '2024-01-12 10:00:00'),
    (12, 'Claire', 'Nguyen', 'claire.nguyen12@exemple.fr', '06 12 34 56 22', 'n/a', '1972-01-13', '01 45 67 89 22', 'Rappeler au 06 23 45 67 22 ou écrire à claire.nguyen12@exemple.fr', 444.50, 'closed', FALSE, '2024-01-13 10:00:00'),
    (13, 'Karim', 'Fontaine', 'karim.fontaine13@exemple.fr', '06 12 34 56 23', NULL, '1973-02-14', '01 45 67 89 23', 'RAS', 481.50, 'active', TRUE, '2024-01-14 10:00:00'),
    (14, 'Sophie', 'Benali', 'sophie.benali14@exemple.fr', '06 12 34 56 24', NULL, '1974-03-15', '01 45 67 89 24', 'Rappeler au 06 23 45 67 24 ou écrire à sophie.benali14@exemple.fr', 518.50, 'closed', FALSE, '2024-01-15 10:00:00'),
    (15, 'Lucas', 'Moreau', 'lucas.moreau15@exemple.fr', '06 12 34 56 25', 'n/a', '1975-04-16', '01 45 67 89 25', 'RAS', 555.50, 'active', TRUE, '2024-01-16 10:00:00'),
    (16, 'Amina', 'Roux', 'amina.roux16@exemple.fr', '06 12 34 56 26', NULL, '1976-05-17', '01 45 67 89 26', 'Rappeler au 06 23 45 67 26 ou écrire à amina.roux16@exemple.fr', 592.50, 'closed', FALSE, '2024-01-17 10:00:00'),
    (17, 'Hugo', 'Martin', 'hugo.martin17@exemple.fr', '06 12 34 56 27', NULL, '1977-06-18', '01 45 67 89 27', 'RAS', 629.50, 'active', TRUE, '2024-01-18 10:00:00'),
    (18, 'Léa', 'Le Gall', 'lea.legall18@exemple.fr', '06 12 34 56 28', 'n/a', '1978-07-19', '01 45 67 89 28', 'Rappeler au 06 23 45 67 28 ou écrire à lea.legall18@exemple.fr', 666.50, 'closed', FALSE, '2024-01-19 10:00:00'),
    (19, 'Mathis', 'Petit', 'mathis.petit19@exemple.fr', '06 12 34 56 29', NULL, '1979-08-20', '01 45 67 89 29', 'RAS', 703.50, 'active', TRUE, '2024-01-20 10:00:00'),
    (20, 'Jeanne', 'Dupont', 'jeanne.dupont20@exemple.fr', '06 12 34 56 30', NULL, '1980-09-21', '01 45 67 89 30', 'Rappeler au 06 23 45 67 30 ou écrire à jeanne.dupont20@exemple.fr', 740.50, 'closed', FALSE, '2024-01-21 10:00:00');

INSERT INTO orders (id, customer_id, amount, reference, shipping_address) VALUES
    (101, 1, 12.90, 'CMD-2024-0001', '1 avenue Jean Jaurès, 75001 Paris'),
    (102, 2, 24.90, 'CMD-2024-0002', '2 boulevard Voltaire, 75002 Paris'),
    (103, 3, 36.90, 'CMD-2024-0003', '3 place Bellecour, 75003 Paris'),
    (104, 4, 48.90, 'CMD-2024-0004', '4 rue Nationale, 75004 Paris'),
    (105, 5, 60.90, 'CMD-2024-0005', '5 rue de la Paix, 75005 Paris'),
    (106, 6, 72.90, 'CMD-2024-0006', '6 avenue Jean Jaurès, 75006 Paris'),
    (107, 7, 84.90, 'CMD-2024-0007', '7 boulevard Voltaire, 75007 Paris'),
    (108, 8, 96.90, 'CMD-2024-0008', '8 place Bellecour, 75008 Paris'),
    (109, 9, 108.90, 'CMD-2024-0009', '9 rue Nationale, 75009 Paris'),
    (110, 10, 120.90, 'CMD-2024-0010', '10 rue de la Paix, 75010 Paris'),
    (111, 11, 132.90, 'CMD-2024-0011', '11 avenue Jean Jaurès, 75011 Paris'),
    (112, 12, 144.90, 'CMD-2024-0012', '12 boulevard Voltaire, 75012 Paris'),
    (113, 13, 156.90, 'CMD-2024-0013', '13 place Bellecour, 75013 Paris'),
    (114, 14, 168.90, 'CMD-2024-0014', '14 rue Nationale, 75014 Paris'),
    (115, 15, 180.90, 'CMD-2024-0015', '15 rue de la Paix, 75015 Paris');

INSERT INTO product (id, name, price, sku) VALUES
    (1, 'Table basse', 10.00, 'SKU-00001'),
    (2, 'Lampe', 20.00, 'SKU-00002'),
    (3, 'Étagère', 30.00, 'SKU-00003'),
    (4, 'Fauteuil', 40.00, 'SKU-00004'),
    (5, 'Bureau', 50.00, 'SKU-00005'),
    (6, 'Chaise', 60.00, 'SKU-00006'),
    (7, 'Table basse', 70.00, 'SKU-00007'),
    (8, 'Lampe', 80.00, 'SKU-00008'),
    (9, 'Étagère', 90.00, 'SKU-00009'),
    (10, 'Fauteuil', 100.00, 'SKU-00010'),
    (11, 'Bureau', 110.00, 'SKU-00011'),
    (12, 'Chaise', 120.00, 'SKU-00012');

INSERT INTO newsletter (id, email, subscribed_at) VALUES
    (1, 'abonne1@exemple.fr', '2024-02-01 09:00:00'),
    (2, 'abonne2@exemple.fr', '2024-02-02 09:00:00'),
    (3, 'abonne3@exemple.fr', '2024-02-03 09:00:00'),
    (4, 'abonne4@exemple.fr', '2024-02-04 09:00:00'),
    (5, 'abonne5@exemple.fr', '2024-02-05 09:00:00'),
    (6, 'abonne6@exemple.fr', '2024-02-06 09:00:00'),
    (7, 'abonne7@exemple.fr', '2024-02-07 09:00:00'),
    (8, 'abonne8@exemple.fr', '2024-02-08 09:00:00'),
    (9, 'abonne9@exemple.fr', '2024-02-09 09:00:00'),
    (10, 'abonne10@exemple.fr', '2024-02-10 09:00:00');
