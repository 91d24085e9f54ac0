-- Read-only views for browsing the ledger in Datasette or any SQLite tool.
CREATE VIEW claims_view AS
SELECT c.id, d.published, d.outlet, COALESCE(r.display_name, r.name, c.speaker_name) AS speaker,
       c.speaker_text, c.cue, c.kind, c.modality, c.text, c.quantities, c.dates,
       p.status AS proposition_status, p.label AS proposition, c.proposition AS proposition_id,
       c.doc, c.start, c."end"
FROM claims c
JOIN documents d ON d.id = c.doc
LEFT JOIN entities s ON s.id = c.speaker
LEFT JOIN entities r ON r.id = COALESCE(s.merged_into, s.id)
LEFT JOIN propositions p ON p.id = c.proposition;

CREATE VIEW figures_view AS
SELECT q.claim, q.text, q.value, q.low, q.high, q.unit, q.qualifier, d.outlet, d.published,
       c.speaker_name AS speaker, c.proposition, p.label AS proposition_label, c.text AS sentence
FROM quantities q
JOIN claims c ON c.id = q.claim
JOIN documents d ON d.id = c.doc
LEFT JOIN propositions p ON p.id = c.proposition;

CREATE VIEW entities_view AS
SELECT e.id, COALESCE(e.display_name, e.name) AS name, e.type,
       (SELECT count(*) FROM entities m WHERE m.merged_into = e.id) AS merged_names,
       (SELECT count(*) FROM claims c JOIN entities s ON s.id = c.speaker
         WHERE s.id = e.id OR s.merged_into = e.id) AS claims
FROM entities e WHERE e.merged_into IS NULL;

CREATE VIEW relations_view AS
SELECT r.type, r.why, a.text AS claim_a, da.outlet AS outlet_a, da.published AS published_a,
       b.text AS claim_b, db.outlet AS outlet_b, db.published AS published_b, p.label AS proposition
FROM relations r
JOIN claims a ON a.id = r.a JOIN documents da ON da.id = a.doc
JOIN claims b ON b.id = r.b JOIN documents db ON db.id = b.doc
LEFT JOIN propositions p ON p.id = r.proposition;
