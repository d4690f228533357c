// Wire types of the repo-depot API (openapi/repo-depot 1.0.0 at omicron b848b6df85). Its one
// route answers raw artifact bytes (`*/*`) or a dropshot error; there is no JSON body to type.

/** The `info.version` of the document the depot serves and the sled agent's depot client sends. */
export type RepoDepotApiVersion = '1.0.0';
