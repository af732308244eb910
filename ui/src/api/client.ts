// The API client: openapi-fetch over the generated paths, with the session's CSRF token on every
// request that changes something, and one error type that carries the server's message and problems.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import type { ProblemDto } from './types';

export const CSRF_COOKIE = 'flowfile_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(value.join('='));
    }
  }
  return undefined;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = cookie(CSRF_COOKIE);
      if (token) {
        request.headers.set(CSRF_HEADER, token);
      }
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** A refused or failed request: the server's message, its error name and any problems it listed. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly errorName: string;
  readonly problems: ProblemDto[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown> | undefined) {
    const message = typeof body?.message === 'string' ? body.message : `The server answered ${status}`;
    super(message);
    this.status = status;
    this.errorName = typeof body?.name === 'string' ? body.name : 'HTTP_' + status;
    this.problems = Array.isArray(body?.problems) ? (body.problems as ProblemDto[]) : [];
    this.body = body ?? {};
  }
}

/** Unwraps an openapi-fetch answer: its data, or an ApiFailure (network failures become one too). */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await request;
  } catch (cause) {
    throw new ApiFailure(0, { message: 'The server cannot be reached (' + String(cause) + ')' });
  }
  if (!answer.response.ok) {
    throw new ApiFailure(answer.response.status, answer.error as Record<string, unknown> | undefined);
  }
  return answer.data as T;
}

/** A request openapi-fetch does not model well (uploads, text downloads): same CSRF and errors. */
export async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET') {
    const token = cookie(CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiFailure(0, { message: 'The server cannot be reached (' + String(cause) + ')' });
  }
  if (!response.ok) {
    let body: Record<string, unknown> | undefined;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw new ApiFailure(response.status, body);
  }
  return response;
}
