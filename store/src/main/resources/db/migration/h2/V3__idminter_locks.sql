-- Named locks taken with SELECT … FOR UPDATE inside a transaction, so that work which must not run
-- twice at once on one database (topping the free ID pool up) waits for the other instead of
-- doubling it. A row lock, not a server-specific advisory lock: released by commit or rollback on
-- every database, and held through a connection loss by nobody.
CREATE TABLE idminter_locks (
  name varchar(64) NOT NULL,
  PRIMARY KEY (name)
);
INSERT INTO idminter_locks (name) VALUES ('pool_top_up');
