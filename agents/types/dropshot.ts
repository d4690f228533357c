// What every dropshot server shares on the wire (dropshot 0.17.1, omicron's pin at b848b6df85).

/** dropshot's `HttpErrorResponseBody`: the body of every 4xx and 5xx. */
export interface ErrorBody {
  request_id: string;
  error_code?: string;
  message: string;
}

/** omicron_common::api::VERSION_HEADER: the header `ClientSpecifiesVersionInHeader` reads. */
export type ApiVersionHeader = 'api-version';
