// `sled`, trimmed to the columns the simulator uses; names as in omicron's dbinit.sql.
// repo_depot_port has no default here: sleds register it. The repo-depot-port-zero scenario adds
// the migration variant where rows carry a column default instead.
export const SLED_SCHEMA = `
CREATE TABLE IF NOT EXISTS sled (
  id TEXT PRIMARY KEY,
  time_created TEXT NOT NULL,
  time_modified TEXT NOT NULL,
  time_deleted TEXT,
  rack_id TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  ip TEXT NOT NULL,
  port INTEGER NOT NULL,
  repo_depot_port INTEGER NOT NULL,
  sled_policy TEXT NOT NULL DEFAULT 'in_service' CHECK (sled_policy IN ('in_service', 'no_provision', 'expunged')),
  sled_state TEXT NOT NULL DEFAULT 'active' CHECK (sled_state IN ('active', 'decommissioned')),
  sled_agent_gen INTEGER NOT NULL DEFAULT 1
);
`;

/**
 * For the repo-depot-port-zero scenario: the sled table as it was before `repo_depot_port`
 * existed, and the migration that adds it with a column default every existing row takes.
 */
export const SLED_SCHEMA_FOR_MIGRATION = {
  before: SLED_SCHEMA.replace(/\n\s*repo_depot_port INTEGER NOT NULL,/, ''),
  addRepoDepotPort: (columnDefault: number) => `ALTER TABLE sled ADD COLUMN repo_depot_port INTEGER NOT NULL DEFAULT ${Math.trunc(columnDefault)};`,
};
