-- ACCOUNT '' (not NULL) means "the default account": an equality on ACCOUNT keeps the claim an
-- index-ordered scan of (STATUS, ACCOUNT, ID) on every database.
UPDATE ${prefix}MSG SET ACCOUNT = '' WHERE ACCOUNT IS NULL;
ALTER TABLE ${prefix}MSG MODIFY ACCOUNT VARCHAR(32) NOT NULL DEFAULT '';
