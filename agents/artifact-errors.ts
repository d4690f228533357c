// The artifact store's errors and the HTTP status each maps to, as omicron's
// `impl From<artifact_store::Error> for HttpError` does.
export type ArtifactErrorKind =
  | 'HashMismatch'
  | 'NoConfig'
  | 'NotInConfig'
  | 'NotFound'
  | 'GenerationConfig'
  | 'GenerationPut'
  | 'NoUpdateDataset'
  | 'DepotCopy';

const STATUS: Record<ArtifactErrorKind, number> = {
  HashMismatch: 400,
  NoConfig: 400,
  NotInConfig: 400,
  NotFound: 404,
  GenerationConfig: 409,
  GenerationPut: 409,
  NoUpdateDataset: 503,
  DepotCopy: 500,
};

export class ArtifactError extends Error {
  readonly status: number;
  /** Dropshot's `error_code`: a config generation conflict's, and `for_internal_error`'s "Internal". */
  readonly errorCode: string | undefined;

  constructor(
    readonly kind: ArtifactErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ArtifactError';
    this.status = STATUS[kind];
    this.errorCode = kind === 'GenerationConfig' ? 'CONFIG_GENERATION' : kind === 'DepotCopy' ? 'Internal' : undefined;
  }
}

export const noUpdateDataset = () => new ArtifactError('NoUpdateDataset', 'No update datasets present');
