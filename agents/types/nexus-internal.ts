// nexus-internal 1.0.0 (openapi/nexus-internal/nexus-internal-1.0.0-6d8ade.json at omicron
// b848b6df85): what a sled agent sends Nexus about itself (`sled_agent_put`) and reads back
// (`sled_agent_get`). Declarations only; the sled agent (client) and Nexus (server) share them.
import type { SledCpuFamily, SledRole } from './sled-agent.js';

/** The document's `Baseboard` (a part number, its revision and the board's serial). */
export interface Baseboard {
  part: string;
  revision: number;
  serial: string;
}

/** `SledAgentInfo`: every field is required, `decommissioned` included (only Nexus sets it true). */
export interface SledAgentInfo {
  sa_address: string;
  repo_depot_port: number;
  role: SledRole;
  baseboard: Baseboard;
  usable_hardware_threads: number;
  usable_physical_ram: number;
  reservoir_size: number;
  cpu_family: SledCpuFamily;
  generation: number;
  decommissioned: boolean;
}
