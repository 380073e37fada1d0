// Talking to plcbridge: JSON requests with the session's CSRF token on every state change, and the
// live event stream. Errors come back as {ok: false, status, error, message} — never thrown.

let csrf = '';

/// The line this console shows (docs/LINES.md): the page's own ?line=N, passed on to every API call
/// and the event stream; none: the first line (a deployment of one line has only that).
const line = new URLSearchParams(window.location.search).get('line');

function onLine(path) {
  if (!line || !path.startsWith('/api/') || path.startsWith('/api/session')) return path;
  return path + (path.includes('?') ? '&' : '?') + 'line=' + encodeURIComponent(line);
}

export function setCsrf(token) { csrf = token || ''; }

export async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(onLine(path), {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    return { ok: false, status: 0, error: 'offline', message: String(e) };
  }
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    return { ok: false, status: response.status, error: data?.error ?? 'http_' + response.status,
             message: data?.message ?? response.statusText, retryAfter: response.headers.get('Retry-After') };
  }
  return { ok: true, status: response.status, data };
}

/// The live feed: onState(payload) for every event; onConnection(true/false) as the stream comes
/// and goes. EventSource reconnects by itself (the server asks for 1 s).
export function liveFeed(onState, onConnection) {
  const source = new EventSource(onLine('/api/events'));
  source.addEventListener('state', (event) => {
    onConnection(true);
    try { onState(JSON.parse(event.data)); } catch (e) { /* a torn event: the next one follows */ }
  });
  source.addEventListener('open', () => onConnection(true));
  source.addEventListener('error', () => onConnection(false));
  return source;
}
