// JSON Schemas of the external API's update routes (openapi/nexus/nexus-2026081901.0.0-e5e4f5.json
// at omicron b848b6df85: `TufRepo`, `TufRepoUpload`, `TufRepoUploadStatus`, `UpdateStatus`,
// `TargetRelease`), written from the document. `format: "hex string (32 bytes)"` and `uint` are
// the document's own formats; ajv knows neither, so they are written as patterns and minimums.

/** The `semver` pattern the document puts on every system version. */
export const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';

export const TUF_REPO_SCHEMA = {
  type: 'object',
  required: ['file_name', 'hash', 'system_version', 'time_created'],
  properties: {
    file_name: { type: 'string' },
    hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    system_version: { type: 'string', pattern: SEMVER_PATTERN },
    time_created: { type: 'string', format: 'date-time' },
  },
} as const;

export const TUF_REPO_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['repo', 'status'],
  properties: { repo: TUF_REPO_SCHEMA, status: { type: 'string', enum: ['already_exists', 'inserted'] } },
} as const;

export const UPDATE_STATUS_SCHEMA = {
  type: 'object',
  required: ['components_by_release_version', 'contact_support', 'suspended', 'target_release', 'time_last_step_planned'],
  properties: {
    components_by_release_version: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    contact_support: { type: 'boolean' },
    suspended: { type: 'boolean' },
    target_release: {
      type: 'object',
      nullable: true,
      required: ['time_requested', 'version'],
      properties: { time_requested: { type: 'string', format: 'date-time' }, version: { type: 'string', pattern: SEMVER_PATTERN } },
    },
    time_last_step_planned: { type: 'string', format: 'date-time' },
  },
} as const;

export type TufRepoView = { file_name: string; hash: string; system_version: string; time_created: string };
export type TufRepoUploadView = { repo: TufRepoView; status: 'already_exists' | 'inserted' };
export interface UpdateStatusView {
  components_by_release_version: Record<string, number>;
  contact_support: boolean;
  suspended: boolean;
  target_release: { time_requested: string; version: string } | null;
  time_last_step_planned: string;
}
