// Ports from omicron's common/src/address.rs.
export const NEXUS_INTERNAL_PORT = 12221;
export const NEXUS_LOCKSTEP_PORT = 12232;
/** The external API: HTTP on port 80 of the Nexus zone's external address (omicron serves 80 and
 * 443 there); the simulator's Nexus has one address, so the external app listens on it. */
export const NEXUS_EXTERNAL_PORT = 80;
