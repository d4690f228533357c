// JSON Schemas of the lockstep FM config API (openapi/nexus-lockstep.json at omicron b848b6df85:
// `FmConfigView`, `FmConfig`, `FmConfigBooleanSetting`, `FmConfigNonZeroU32Setting`,
// `FmConfigSource`, `FmConfigParam`), written from the document.

const setting = (value: object) =>
  ({
    oneOf: [
      { type: 'object', required: ['source', 'value'], properties: { source: { type: 'string', enum: ['override'] }, value } },
      { type: 'object', required: ['source'], properties: { source: { type: 'string', enum: ['default'] } } },
    ],
  }) as const;

const uint32 = (minimum: number) => ({ type: 'integer', minimum, maximum: 4294967295 }) as const;

export const FM_CONFIG_SCHEMA = {
  type: 'object',
  required: ['analysis_enabled', 'history_pruning_threshold', 'sitrep_limit'],
  properties: {
    analysis_enabled: setting({ type: 'boolean' }),
    history_pruning_threshold: setting(uint32(1)),
    sitrep_limit: setting(uint32(1)),
  },
} as const;

export const FM_CONFIG_SOURCE_SCHEMA = {
  oneOf: [
    { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['default'] } } },
    {
      type: 'object',
      required: ['comment', 'time_modified', 'type', 'version'],
      properties: {
        comment: { type: 'string' },
        time_modified: { type: 'string', format: 'date-time' },
        type: { type: 'string', enum: ['override'] },
        version: uint32(1),
      },
    },
  ],
} as const;

export const FM_CONFIG_VIEW_SCHEMA = {
  type: 'object',
  required: ['config', 'source'],
  properties: { config: FM_CONFIG_SCHEMA, source: FM_CONFIG_SOURCE_SCHEMA },
} as const;

export const FM_CONFIG_PARAM_SCHEMA = {
  type: 'object',
  required: ['comment', 'config', 'version'],
  properties: { comment: { type: 'string' }, config: FM_CONFIG_SCHEMA, version: uint32(1) },
} as const;

/** `VersionPathParam`: a uint32, minimum 0 (0 is refused by the handler, not the schema). */
export const FM_CONFIG_VERSION_PARAMS = { type: 'object', required: ['version'], properties: { version: uint32(0) } } as const;
