-- Task search by one or two characters. Most Chinese search words have two characters (污水, 河道),
-- and a trigram index cannot serve a pattern without a trigram: such a search read every task.
-- The index now holds each task's characters and pairs of adjacent characters (bigrams) of the
-- lower-cased search text; a search asks for all bigrams of its words (its one character when it
-- has one) with @>, and the ILIKE over the same text stays as the exact check of longer words.
-- For one or two characters the index's answer is already exact. The bigram index serves every
-- length, so the trigram index goes: with both, the planner combined them and recomputed the
-- bigrams of every candidate row in the recheck.

-- The characters and bigrams of a text (callers lower-case it first). Computing them is the
-- expensive part of the index; the cost keeps the planner from evaluating it row by row in a filter.
CREATE FUNCTION search_grams(document text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000
RETURN (SELECT chars || ARRAY(SELECT chars[i] || chars[i + 1] FROM generate_series(1, cardinality(chars) - 1) AS i)
        FROM string_to_array(document, NULL) AS chars);

-- What a text containing the words must hold: their bigrams, or the one character of a one-character word.
CREATE FUNCTION search_query_grams(words text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT CASE WHEN cardinality(chars) = 1 THEN chars
                    ELSE ARRAY(SELECT chars[i] || chars[i + 1] FROM generate_series(1, cardinality(chars) - 1) AS i) END
        FROM string_to_array(words, NULL) AS chars);

-- The same text the search's ILIKE reads (V11: code, title, target, content), lower-cased as ILIKE does.
CREATE INDEX key_task_grams ON key_task
    USING gin (search_grams(lower(coalesce(code, '') || ' ' || title || ' ' || target || ' ' || content)));

DROP INDEX key_task_text;
