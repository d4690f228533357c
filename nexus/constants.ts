// Ports from omicron's common/src/address.rs.
export const NEXUS_INTERNAL_PORT = 12221;
export const NEXUS_LOCKSTEP_PORT = 12232;
