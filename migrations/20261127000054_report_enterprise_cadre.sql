-- The assessment's response rate counts each sign-for under the enterprise's cadre: an
-- index-only probe from an enterprise to its cadre, without visiting the wide rows.
create index enterprises_cadre_cover_idx on enterprises (id) include (cadre_id);
