-- A counter bumped by every change to fact-checks or their vectors (triggers, so any writer
-- counts and a rolled-back import rolls the counter back too). The matcher's sidecar files
-- (<store>.factchecks/) record the generation they were built from; a different value
-- means they are stale.
CREATE TABLE factcheck_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO factcheck_generation(id, generation) VALUES (1, 0);
CREATE TRIGGER factchecks_gen_insert AFTER INSERT ON factchecks BEGIN
    UPDATE factcheck_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER factchecks_gen_update AFTER UPDATE ON factchecks BEGIN
    UPDATE factcheck_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER factchecks_gen_delete AFTER DELETE ON factchecks BEGIN
    UPDATE factcheck_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER factcheck_vectors_gen_insert AFTER INSERT ON factcheck_vectors BEGIN
    UPDATE factcheck_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER factcheck_vectors_gen_update AFTER UPDATE ON factcheck_vectors BEGIN
    UPDATE factcheck_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER factcheck_vectors_gen_delete AFTER DELETE ON factcheck_vectors BEGIN
    UPDATE factcheck_generation SET generation = generation + 1 WHERE id = 1;
END;
