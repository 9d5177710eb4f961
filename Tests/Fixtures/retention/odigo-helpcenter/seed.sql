-- Made-up people. Contract ends come as events (registre events import); what retention does
-- to each row at 2026-11-22, 2026-12-02 and 2026-12-10 is written out in RetentionTests.helpCentre.
INSERT INTO account (id, login_email, password_hash, active, created_at) VALUES
    (1, 'anne@client-a.example.com', '$argon2id$v=19$m=65536,t=3,p=4$YQ$aGFzaDE', 1, '2022-03-01T09:00:00Z'),
    (2, 'bob@client-b.example.com', '$argon2id$v=19$m=65536,t=3,p=4$Yg$aGFzaDI', 1, '2021-06-15T10:00:00Z'),
    (3, 'carla@client-c.example.com', '$argon2id$v=19$m=65536,t=3,p=4$Yw$aGFzaDM', 1, '2023-09-20T11:00:00Z'),
    (4, 'dan@client-d.example.com', '$argon2id$v=19$m=65536,t=3,p=4$ZA$aGFzaDQ', 0, '2020-01-05T12:00:00Z');

INSERT INTO forum_message (id, account_id, author_name, body, posted_at) VALUES
    (11, 1, 'Anne B.', 'Comment exporter les statistiques de file d''attente ?', '2025-01-01T10:00:00Z'),
    (12, 2, 'Bob C.', 'Le SVI ne reconnaît plus la touche étoile.', '2024-05-12T15:30:00Z'),
    (13, 3, 'Carla D.', 'Merci pour la documentation de l''API.', '2025-07-07T07:07:00Z'),
    (15, 4, 'Dan E.', 'Voici notre configuration complète, avec les numéros internes.', '2023-02-02T12:00:00Z');

INSERT INTO security_log (id, account_id, entry, logged_at) VALUES
    (21, 1, 'login ok from 192.0.2.1', '2025-11-01T08:00:00Z'),
    (22, 3, 'password changed', '2026-06-01T08:00:00Z');
