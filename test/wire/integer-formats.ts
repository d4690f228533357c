// dropshot's integer formats and their ranges: the oracle (openapi-oracle.ts) enforces them on
// answers (a uint8 of 300 is a drift), and the route check (schema-refines.ts) holds our schemas'
// ranges inside them. Its other custom formats name Rust types (`hex string (32 bytes)`,
// `Utf8PathBuf`) and constrain nothing checkable here.
export const INTEGER_FORMATS: Record<string, [number, number]> = {
  uint: [0, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  uint64: [0, Number.MAX_SAFE_INTEGER],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
