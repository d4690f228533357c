// `sled` with the columns of omicron's dbinit.sql (b848b6df85) and their CHECKs; enums as TEXT.
// repo_depot_port has no default here: sleds register it. The repo-depot-port-zero scenario adds
// the migration variant where rows carry a column default instead.
export const SLED_SCHEMA = `
CREATE TABLE IF NOT EXISTS sled (
  id TEXT PRIMARY KEY,
  time_created TEXT NOT NULL,
  time_modified TEXT NOT NULL,
  time_deleted TEXT,
  rcgen INTEGER NOT NULL,
  rack_id TEXT NOT NULL,
  is_scrimlet INTEGER NOT NULL,
  serial_number TEXT NOT NULL,
  part_number TEXT NOT NULL,
  revision INTEGER NOT NULL,
  usable_hardware_threads INTEGER CHECK (usable_hardware_threads BETWEEN 0 AND 4294967295) NOT NULL,
  usable_physical_ram INTEGER NOT NULL,
  reservoir_size INTEGER CHECK (reservoir_size < usable_physical_ram) NOT NULL,
  ip TEXT NOT NULL,
  port INTEGER CHECK (port BETWEEN 0 AND 65535) NOT NULL,
  last_used_address TEXT NOT NULL,
  sled_policy TEXT NOT NULL DEFAULT 'in_service' CHECK (sled_policy IN ('in_service', 'no_provision', 'expunged')),
  sled_state TEXT NOT NULL DEFAULT 'active' CHECK (sled_state IN ('active', 'decommissioned')),
  sled_agent_gen INTEGER NOT NULL DEFAULT 1,
  -- omicron's CHECK names \`port\` here, not repo_depot_port; kept as written there.
  repo_depot_port INTEGER CHECK (port BETWEEN 0 AND 65535) NOT NULL,
  cpu_family TEXT NOT NULL CHECK (cpu_family IN ('unknown', 'amd_milan', 'amd_turin', 'amd_turin_dense'))
);
`;

/**
 * For the repo-depot-port-zero scenario: the sled table as it was before `repo_depot_port`
 * existed, and the migration that adds it with a column default every existing row takes.
 */
const BEFORE_REPO_DEPOT_PORT = SLED_SCHEMA.replace(/\n\s*repo_depot_port INTEGER CHECK \(port BETWEEN 0 AND 65535\) NOT NULL,/, '');
if (BEFORE_REPO_DEPOT_PORT === SLED_SCHEMA) throw new Error('schema-sled: repo_depot_port line not found');

export const SLED_SCHEMA_FOR_MIGRATION = {
  before: BEFORE_REPO_DEPOT_PORT,
  addRepoDepotPort: (columnDefault: number) => `ALTER TABLE sled ADD COLUMN repo_depot_port INTEGER NOT NULL DEFAULT ${Math.trunc(columnDefault)};`,
};
