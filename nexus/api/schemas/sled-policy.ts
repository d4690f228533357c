// JSON Schemas of openapi/nexus-lockstep.json (omicron b848b6df85): `SledSelector` (the body of
// POST /sleds/expunge) and `SledPolicy` / `SledProvisionPolicy` (its 200), written from the document.

export const SLED_SELECTOR_SCHEMA = {
  type: 'object',
  required: ['sled'],
  properties: { sled: { type: 'string', format: 'uuid' } },
} as const;

export const SLED_POLICY_SCHEMA = {
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'provision_policy'],
      properties: { kind: { type: 'string', enum: ['in_service'] }, provision_policy: { type: 'string', enum: ['provisionable', 'non_provisionable'] } },
    },
    { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['expunged'] } } },
  ],
} as const;
