-- Registre test fixture: the database of a small French online shop ("La Boutique d'Exemple").
-- Portable SQL: runs unchanged on SQLite 3.40+ and PostgreSQL 15.
--   Types: TEXT, INTEGER, BIGINT, NUMERIC(12,2) only; flags are INTEGER 0/1; dates and times
--   are TEXT in ISO 8601 (UTC, e.g. '2024-03-15T10:22:00Z'); ids are given explicitly.
-- The dataset file beside this one (dataset.yml) describes these tables for Registre; see
-- README.md for what each table demonstrates and the expected result of access requests.
--
-- Foreign keys are declared where the creation order allows it. Two references are not
-- declared as foreign keys because they close the customer <-> address cycle (customer is
-- created before address): customer.default_address_id and customer.billing_address_id.
-- newsletter_subscription.email and referral.referee_email match customer.email by value only.
--
-- Indexes: every column that a traversal queries is indexed, by a primary key (a single-column
-- primary key, or the leading column of a composite one) or by a CREATE INDEX below,
-- EXCEPT login.customer_id, which is deliberately left without any index.

-- A customer account. Identities: email (mixed case in some rows), phone (French numbers in
-- several formats, may be NULL) and customer_number (the external number, e.g. 'C-000042').
CREATE TABLE customer (
    id                 INTEGER NOT NULL PRIMARY KEY,
    customer_number    TEXT    NOT NULL,
    email              TEXT    NOT NULL,
    phone              TEXT,
    first_name         TEXT    NOT NULL,
    last_name          TEXT    NOT NULL,
    birth_date         TEXT,
    password_hash      TEXT    NOT NULL,
    default_address_id INTEGER,            -- -> address.id, nullable, no FK constraint (cycle)
    billing_address_id INTEGER,            -- -> address.id, nullable, no FK constraint (cycle)
    created_at         TEXT    NOT NULL,
    last_login_at      TEXT
);
CREATE UNIQUE INDEX customer_customer_number_idx ON customer (customer_number);
CREATE UNIQUE INDEX customer_email_idx ON customer (email);
-- E-mail addresses are compared without case: the lookup uses lower(email).
CREATE INDEX customer_email_lower_idx ON customer (lower(email));
CREATE INDEX customer_phone_idx ON customer (phone);
CREATE INDEX customer_default_address_idx ON customer (default_address_id);
CREATE INDEX customer_billing_address_idx ON customer (billing_address_id);

-- A postal address in a customer's address book. address.customer_id -> customer.id closes the
-- cycle with customer.default_address_id -> address.id.
CREATE TABLE address (
    id             INTEGER NOT NULL PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    label          TEXT    NOT NULL,
    recipient_name TEXT    NOT NULL,
    street         TEXT    NOT NULL,
    postal_code    TEXT    NOT NULL,
    city           TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    created_at     TEXT    NOT NULL
);
CREATE INDEX address_customer_idx ON address (customer_id);

-- The catalogue. No personal data; reached only through order_line.product_id.
CREATE TABLE product (
    id         INTEGER       NOT NULL PRIMARY KEY,
    sku        TEXT          NOT NULL,
    name       TEXT          NOT NULL,
    unit_price NUMERIC(12,2) NOT NULL,
    active     INTEGER       NOT NULL
);
CREATE UNIQUE INDEX product_sku_idx ON product (sku);

-- A saved payment card (only a token from the payment service provider and the last 4 digits).
CREATE TABLE payment_card (
    id           INTEGER NOT NULL PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer (id),
    holder_name  TEXT    NOT NULL,
    brand        TEXT    NOT NULL,
    last4        TEXT    NOT NULL,
    expiry_month INTEGER NOT NULL,
    expiry_year  INTEGER NOT NULL,
    psp_token    TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX payment_card_customer_idx ON payment_card (customer_id);

-- An order. payment_card_id is NULL for orders paid by bank transfer.
CREATE TABLE customer_order (
    id                  INTEGER       NOT NULL PRIMARY KEY,
    order_number        TEXT          NOT NULL,
    customer_id         INTEGER       NOT NULL REFERENCES customer (id),
    shipping_address_id INTEGER       NOT NULL REFERENCES address (id),
    payment_card_id     INTEGER                REFERENCES payment_card (id),
    status              TEXT          NOT NULL,
    placed_at           TEXT          NOT NULL,
    total_amount        NUMERIC(12,2) NOT NULL,
    currency            TEXT          NOT NULL
);
CREATE UNIQUE INDEX customer_order_number_idx ON customer_order (order_number);
CREATE INDEX customer_order_customer_idx ON customer_order (customer_id);
CREATE INDEX customer_order_shipping_address_idx ON customer_order (shipping_address_id);
CREATE INDEX customer_order_payment_card_idx ON customer_order (payment_card_id);

-- A line of an order. Composite primary key (order_id, line_no); reachable only through
-- customer_order (order_id, one column of the key, -> customer_order.id). order_id is indexed
-- as the leading column of the primary key, with no separate index.
CREATE TABLE order_line (
    order_id     INTEGER       NOT NULL REFERENCES customer_order (id),
    line_no      INTEGER       NOT NULL,
    product_id   INTEGER       NOT NULL REFERENCES product (id),
    quantity     INTEGER       NOT NULL,
    unit_price   NUMERIC(12,2) NOT NULL,
    gift_message TEXT,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_line_product_idx ON order_line (product_id);

-- A login session (security log). customer_id is DELIBERATELY NOT INDEXED: a dataset check
-- should warn that the traversal customer.id -> login.customer_id scans the whole table.
CREATE TABLE login (
    id          BIGINT  NOT NULL PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    ip_address  TEXT    NOT NULL,
    user_agent  TEXT,
    started_at  TEXT    NOT NULL,
    ended_at    TEXT
);

-- A support ticket, about an order or not (order_id is nullable).
CREATE TABLE support_ticket (
    id          INTEGER NOT NULL PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id),
    order_id    INTEGER          REFERENCES customer_order (id),
    subject     TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    opened_at   TEXT    NOT NULL,
    closed_at   TEXT
);
CREATE INDEX support_ticket_customer_idx ON support_ticket (customer_id);
CREATE INDEX support_ticket_order_idx ON support_ticket (order_id);

-- A message in a ticket. Composite primary key (ticket_id, message_no); reachable only through
-- support_ticket. ticket_id is indexed as the leading column of the primary key.
CREATE TABLE ticket_message (
    ticket_id  INTEGER NOT NULL REFERENCES support_ticket (id),
    message_no INTEGER NOT NULL,
    author     TEXT    NOT NULL,            -- 'customer' or 'agent'
    body       TEXT    NOT NULL,
    sent_at    TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, message_no)
);

-- A loyalty account (at most one per customer).
CREATE TABLE loyalty_account (
    id               INTEGER NOT NULL PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customer (id),
    card_number      TEXT    NOT NULL,
    points_balance   INTEGER NOT NULL,
    tier             TEXT    NOT NULL,
    opened_at        TEXT    NOT NULL,
    last_activity_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX loyalty_account_customer_idx ON loyalty_account (customer_id);
CREATE UNIQUE INDEX loyalty_account_card_number_idx ON loyalty_account (card_number);

-- A newsletter subscription, keyed by email only: no customer id. Reachable only from the email
-- identity. Composite primary key (email, list_code); email is indexed as its leading column.
CREATE TABLE newsletter_subscription (
    email         TEXT    NOT NULL,
    list_code     TEXT    NOT NULL,
    subscribed_at TEXT    NOT NULL,
    confirmed     INTEGER NOT NULL,
    consent_ip    TEXT,
    PRIMARY KEY (email, list_code)
);
CREATE INDEX newsletter_subscription_email_lower_idx ON newsletter_subscription (lower(email));

-- A referral: a customer (referrer) invites someone by email; referee_customer_id is set once
-- the invited person opens an account, and stays NULL otherwise.
CREATE TABLE referral (
    id                   INTEGER NOT NULL PRIMARY KEY,
    referrer_customer_id INTEGER NOT NULL REFERENCES customer (id),
    referee_customer_id  INTEGER          REFERENCES customer (id),
    referee_email        TEXT    NOT NULL,
    reward_points        INTEGER NOT NULL,
    created_at           TEXT    NOT NULL
);
CREATE INDEX referral_referrer_idx ON referral (referrer_customer_id);
CREATE INDEX referral_referee_idx ON referral (referee_customer_id);
CREATE INDEX referral_referee_email_idx ON referral (lower(referee_email));
