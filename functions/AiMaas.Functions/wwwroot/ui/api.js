// Calls the AiMaas API with the key typed once per browser session (sessionStorage: gone when the tab closes).
const KeyName = 'aimaas.key';

export const session = {
  get key() { return sessionStorage.getItem(KeyName); },
  set key(value) { sessionStorage.setItem(KeyName, value); },
  forget() { sessionStorage.removeItem(KeyName); },
};

/** A failed call, with the server's problem details reduced to one line. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(`${status} ${problem?.title ?? ''}${problem?.detail ? `: ${problem.detail}` : ''}`.trim());
    this.status = status;
    this.problem = problem;
  }
}

/** The page lives at /ui/, the API at /api/: resolve relative to the page so a path base keeps working. */
const apiUrl = (path) => new URL(`../api/${path}`, window.location.href);

/** Returns { data, etag }; throws ApiError on a non-2xx answer. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { 'x-functions-key': session.key ?? '', ...headers } };
  if (body instanceof Blob || typeof body === 'string') {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }

  const response = await fetch(apiUrl(path), init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }

  return { data, etag: response.headers.get('ETag') };
}

export const enc = encodeURIComponent;
