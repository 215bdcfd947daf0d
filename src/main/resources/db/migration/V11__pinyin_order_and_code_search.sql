-- Names sort by pinyin, as Chinese users expect. The ICU collation of CLDR's pinyin order is in
-- PostgreSQL wherever it is built with ICU (the embedded 17 and Debian's 15 both are).
CREATE COLLATION IF NOT EXISTS zh_pinyin (provider = icu, locale = 'zh-u-co-pinyin');

-- CLDR orders a character by one reading: 长 as zhǎng, 厦 as shà, 六 as liù. Place names read
-- otherwise (长沙 Chángshā, 厦门 Xiàmén, 六安 Lù'ān), and units are mostly named after places, so
-- those places are written with a character of the right reading before comparing. Lists order
-- by pinyin_sortable(name) COLLATE zh_pinyin; the names themselves are untouched.
CREATE FUNCTION pinyin_sortable(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(replace(replace(replace(replace(
        regexp_replace(name, '长(?=[沙春江安宁治寿兴白清丰葛汀泰海岭垣阳城征乐])', '常', 'g'),
        '厦门', '夏门'), '六安', '陆安'), '蚌埠', '泵埠'), '番禺', '潘禺'), '单县', '善县');

-- Task search also matches the code ("2026-GC-03", any part, any case): the code joins the one
-- indexed expression (a draft has none yet), so a search stays one trigram index scan.
DROP INDEX key_task_text;
CREATE INDEX key_task_text ON key_task
    USING gin ((coalesce(code, '') || ' ' || title || ' ' || target || ' ' || content) gin_trgm_ops);
