-- ACCOUNT '' (not NULL) means "the default account": an equality on ACCOUNT keeps the claim an
-- index-ordered scan of (STATUS, ACCOUNT, ID) on every database (IS NULL does not, on PostgreSQL).
UPDATE ${prefix}MSG SET ACCOUNT = '' WHERE ACCOUNT IS NULL;
ALTER TABLE ${prefix}MSG ALTER COLUMN ACCOUNT SET DEFAULT '';
ALTER TABLE ${prefix}MSG ALTER COLUMN ACCOUNT SET NOT NULL;
