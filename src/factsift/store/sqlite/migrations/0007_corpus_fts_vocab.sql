-- Document frequency of each term of the passage index, so evidence queries can keep their
-- selective terms: an OR query over frequent terms costs FTS5 hundreds of milliseconds on
-- 200,000 passages (BENCHMARKS.md, "Evidence").
CREATE VIRTUAL TABLE corpus_fts_vocab USING fts5vocab(corpus_fts, 'row');
