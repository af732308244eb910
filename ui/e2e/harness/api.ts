// A small client of the server's REST API for tests: either with the browser's session (the cookie
// flowfile_session goes along by itself, changes carry X-CSRF-Token = the flowfile_csrf cookie), so
// what it changes is what the logged-in page sees, or with `Authorization: Bearer TOKEN`.
import type { APIRequestContext, APIResponse, BrowserContext } from '@playwright/test';

export const SESSION_COOKIE = 'flowfile_session';
export const CSRF_COOKIE = 'flowfile_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequestOptions {
  /** Query parameters. */
  params?: Record<string, string | number | boolean>;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Sent as JSON (objects, arrays) or as is (strings, Buffers). */
  data?: unknown;
}

/** How requests authenticate. */
export type ApiAuth =
  | { kind: 'session'; context: BrowserContext; baseURL: string }
  | { kind: 'bearer'; token: string };

/** An answer other than 2xx: status and body, in the message too. */
export class ApiError extends Error {
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export class FlowfileApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly auth: ApiAuth,
  ) {}

  get<T = unknown>(path: string, options: Omit<ApiRequestOptions, 'data'> = {}): Promise<T> {
    return this.call<T>('GET', path, options);
  }

  post<T = unknown>(path: string, data?: unknown, options: Omit<ApiRequestOptions, 'data'> = {}): Promise<T> {
    return this.call<T>('POST', path, { ...options, data });
  }

  put<T = unknown>(path: string, data?: unknown, options: Omit<ApiRequestOptions, 'data'> = {}): Promise<T> {
    return this.call<T>('PUT', path, { ...options, data });
  }

  patch<T = unknown>(path: string, data?: unknown, options: Omit<ApiRequestOptions, 'data'> = {}): Promise<T> {
    return this.call<T>('PATCH', path, { ...options, data });
  }

  delete<T = unknown>(path: string, options: Omit<ApiRequestOptions, 'data'> = {}): Promise<T> {
    return this.call<T>('DELETE', path, options);
  }

  /** Sends the request and returns the parsed body (JSON, else text; undefined when empty); throws ApiError unless 2xx. */
  async call<T = unknown>(method: HttpMethod, path: string, options: ApiRequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const body = await parseBody(response);
    if (!response.ok()) {
      throw new ApiError(method, path, response.status(), body);
    }
    return body as T;
  }

  /** Sends the request and returns the raw response, whatever its status (to test errors). */
  async send(method: HttpMethod, path: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(await this.authHeaders(method)), ...options.headers };
    return this.request.fetch(path, {
      method,
      headers,
      ...(options.params !== undefined ? { params: options.params } : {}),
      ...(options.data !== undefined ? { data: options.data } : {}),
      failOnStatusCode: false,
    });
  }

  private async authHeaders(method: HttpMethod): Promise<Record<string, string>> {
    if (this.auth.kind === 'bearer') {
      return { Authorization: `Bearer ${this.auth.token}` };
    }
    if (method === 'GET') {
      return {};
    }
    const cookies = await this.auth.context.cookies(this.auth.baseURL);
    const csrf = cookies.find((cookie) => cookie.name === CSRF_COOKIE);
    if (csrf === undefined) {
      throw new Error(`no ${CSRF_COOKIE} cookie in the browser context: the page is not logged in`);
    }
    return { [CSRF_HEADER]: csrf.value };
  }
}

async function parseBody(response: APIResponse): Promise<unknown> {
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  if ((response.headers()['content-type'] ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
