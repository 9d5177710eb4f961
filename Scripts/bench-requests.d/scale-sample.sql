-- Loads Ethyca Fides's sample schema and data (postgres_sample.sql from its sample project, read
-- where Scripts/fetch-fides-sample put it, never copied here) into an empty database, then scales
-- it with generate_series: CUSTOMERS customers on top of the sample's own 3, each with one address,
-- one payment card and one visit, two orders (one item each) and two logins; one service request
-- per 10 customers and one employee per 1,000 (at least one). The sample's rows are kept; the new
-- ones start at id 10, where the sample leaves its sequences. Customer ID has the e-mail
-- customer-ID@example.com (customer-10@example.com to customer-(CUSTOMERS+9)@example.com), distinct
-- from the sample's customer-1, customer-2 and jane@example.com. Then it indexes the columns that
-- the sample's Fides dataset (postgres_example_test_dataset.yml) looks rows up by and that have no
-- index yet: the e-mail identities and the customer_id / employee_id references.
-- Scripts/bench-requests.d/scale-sample-sqlite.py writes the same rows into an SQLite file.
-- Usage: psql -v ON_ERROR_STOP=1 -v sample_sql=PATH/postgres_sample.sql -v customers=1000000 \
--          -f Scripts/bench-requests.d/scale-sample.sql DATABASE_URL
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

\i :sample_sql

\echo scaling the sample to :customers customers
BEGIN;
CREATE TEMP TABLE scale AS SELECT (:customers)::int AS c,
  greatest(1, (:customers)::int / 1000) AS employees, (:customers)::int / 10 AS requests;

-- Addresses 10..C+9: customer i (id 9+i) lives at address 9+i.
INSERT INTO public.address (id, house, street, city, state, zip)
SELECT 9 + i, 1 + i % 9999, 'Street ' || (i % 5000), 'City ' || (i % 1000),
       (ARRAY['NY','TX','CA','WA','FL'])[1 + i % 5], lpad((i % 100000)::text, 5, '0')
FROM generate_series(1, (SELECT c FROM scale)) AS i;

INSERT INTO public.customer (id, email, name, created, address_id)
SELECT 9 + i, 'customer-' || (9 + i) || '@example.com', 'Customer ' || (9 + i),
       timestamp '2020-01-01 00:00:00' + (i % 100000) * interval '1 minute', 9 + i
FROM generate_series(1, (SELECT c FROM scale)) AS i;

-- Employees 10..E+9 work at the sample's address 3, like the sample's two.
INSERT INTO public.employee (id, email, name, address_id)
SELECT 9 + i, 'employee-' || (9 + i) || '@example.com', 'Employee ' || (9 + i), 3
FROM generate_series(1, (SELECT employees FROM scale)) AS i;

INSERT INTO public.payment_card (id, name, ccn, code, preferred, customer_id, billing_address_id)
SELECT 'pay_' || (9 + i), 'Card ' || (9 + i), 4000000000000000 + i, (i % 1000)::smallint, true,
       9 + i, 9 + i
FROM generate_series(1, (SELECT c FROM scale)) AS i;

-- Orders 1..2C: order j belongs to customer 10 + (j-1) mod C, so every customer has two.
INSERT INTO public.orders (id, customer_id, shipping_address_id, payment_card_id)
SELECT 'ord_' || j, 10 + (j - 1) % s.c, 10 + (j - 1) % s.c, 'pay_' || (10 + (j - 1) % s.c)
FROM scale s, generate_series(1, 2 * s.c) AS j;

INSERT INTO public.order_item (order_id, item_no, product_id, quantity)
SELECT 'ord_' || j, 1, 1 + j % 6, 1 + j % 3
FROM generate_series(1, 2 * (SELECT c FROM scale)) AS j;

-- Logins 9..2C+8 (the sample has 1..8), two per customer.
INSERT INTO public.login (id, customer_id, time)
SELECT 8 + k, 10 + (k - 1) % s.c, timestamp '2021-01-01 00:00:00' + (k % 100000) * interval '1 minute'
FROM scale s, generate_series(1, 2 * s.c) AS k;

INSERT INTO public.visit (email, last_visit)
SELECT 'customer-' || (9 + i) || '@example.com',
       timestamp '2021-06-01 00:00:00' + (i % 100000) * interval '1 minute'
FROM generate_series(1, (SELECT c FROM scale)) AS i;

-- Service request n is customer 10*n's (id 9+10n), handled by one of the new employees.
INSERT INTO public.service_request (id, email, alt_email, opened, closed, employee_id)
SELECT 'ser_' || n, 'customer-' || (9 + 10 * n) || '@example.com',
       CASE WHEN n % 2 = 0 THEN 'customer-' || (9 + 10 * n) || '-alt@example.com' END,
       date '2021-01-01' + n % 365, date '2021-01-03' + n % 365, 10 + (n - 1) % s.employees
FROM scale s, generate_series(1, s.requests) AS n;

\o /dev/null
SELECT setval('public.address_id_seq', (SELECT max(id) FROM public.address));
SELECT setval('public.customer_id_seq', (SELECT max(id) FROM public.customer));
SELECT setval('public.employee_id_seq', (SELECT max(id) FROM public.employee));
\o

-- Lookups the dataset makes that no primary key serves (address.id, orders.id, product.id,
-- employee.id are primary keys; order_item.order_id and visit.email lead theirs).
CREATE INDEX customer_email_idx ON public.customer (email);
CREATE INDEX employee_email_idx ON public.employee (email);
CREATE INDEX report_email_idx ON public.report (email);
CREATE INDEX service_request_email_idx ON public.service_request (email);
CREATE INDEX service_request_alt_email_idx ON public.service_request (alt_email);
CREATE INDEX service_request_employee_id_idx ON public.service_request (employee_id);
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);
CREATE INDEX login_customer_id_idx ON public.login (customer_id);
CREATE INDEX payment_card_customer_id_idx ON public.payment_card (customer_id);
COMMIT;
VACUUM ANALYZE;
