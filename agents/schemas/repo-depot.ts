// Response schemas of the repo-depot API (openapi/repo-depot 1.0.0 at omicron b848b6df85). The one
// route answers raw bytes (`*/*`, no schema) or a dropshot error.
import { ERROR_RESPONSES } from '../../sim/index.js';

/** GET /artifact/sha256/{sha256} (`artifact_get_by_sha256`). */
export const ARTIFACT_GET_BY_SHA256_RESPONSE = ERROR_RESPONSES;
