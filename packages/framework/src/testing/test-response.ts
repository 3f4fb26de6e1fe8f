import type { ErrorBody } from '../respond.ts';

/** What a test-client call returns. */
export interface TestResponse<T> {
  readonly status: number;
  /**
   * The parsed JSON body (text when it is not JSON, undefined when empty). Typed as the success
   * shape; on an error status it holds the error body, which `error` exposes typed.
   */
  readonly body: T;
  /** `{ code, message, issues? }` when the status is 400 or above and the body has a code. */
  readonly error: ErrorBody | undefined;
  readonly headers: Headers;
  /** The raw response (its body is already read). */
  readonly response: Response;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string';
}

/** Reads a response into a {@link TestResponse}. */
export async function toTestResponse<T>(response: Response): Promise<TestResponse<T>> {
  const text = await response.text();
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    status: response.status,
    // The caller asked for T: it is what the route answers on success; `status` says whether it did.
    body: body as T,
    error: response.status >= 400 && isErrorBody(body) ? body : undefined,
    headers: response.headers,
    response,
  };
}
