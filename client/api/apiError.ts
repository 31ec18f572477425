// How an HTTP error reaches the client's callers: the API answers every error with JSON
// `{ error: { code, message } }` and the right status; callers catch an `ApiError` with that code.
// When the body is not that shape (a proxy's HTML page, a dropped connection), the status stands in.

/** A field at fault in a refused request (for a CSV import, with its line). */
export interface FieldProblem {
  field: string;
  message: string;
  line?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The fields at fault, when the server names them (validation, account changes, a CSV import). */
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The error an answer with status `status` and (parsed) `body` stands for; `url` names the request. */
export function apiErrorOf(status: number, statusText: string, url: string, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  return new ApiError(
    status,
    typeof error?.code === 'string' ? error.code : `http_${status}`,
    typeof error?.message === 'string' ? error.message : `${status} ${statusText} (${url})`,
    Array.isArray(error?.fields) ? error.fields.filter(isFieldProblem) : [],
  );
}

/** What `bodyOf` reads of an answer: a fetch `Response`, or the typed view of one that `hc` gives. */
export interface Answer {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  json(): Promise<unknown>;
}

/** The parsed body of a successful answer; an unsuccessful one is thrown as an `ApiError`. */
export async function bodyOf<T>(response: Answer): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  const body: unknown = await response.json().catch(() => null);
  throw apiErrorOf(response.status, response.statusText, response.url, body);
}

function isFieldProblem(x: unknown): x is FieldProblem {
  const f = x as FieldProblem | null;
  return typeof f?.field === 'string' && typeof f.message === 'string';
}
