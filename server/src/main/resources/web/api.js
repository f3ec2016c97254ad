// The Lightbox JSON API, as the gallery uses it. Every failure becomes an ApiError whose message is the
// server's problem+json "detail" (or a plain sentence when the server could not be reached).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const UNREACHABLE = 'The server cannot be reached; check that Lightbox is running and try again.';

function problemMessage(status, statusText, text) {
  try {
    const body = JSON.parse(text);
    if (body && (body.detail || body.title)) {
      return body.detail || body.title;
    }
  } catch {
    // not JSON: described below
  }
  return `The server answered ${status} ${statusText || ''}`.trim() + '.';
}

/** Tells the page that the session ended (expired, or logged out elsewhere). */
function unauthorized(message) {
  window.dispatchEvent(new CustomEvent('lightbox:unauthorized', { detail: message }));
}

async function call(path, { method = 'GET', json } = {}) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  if (!response.ok) {
    const error = new ApiError(response.status, problemMessage(response.status, response.statusText,
      await response.text()));
    if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/me') {
      unauthorized(error.message);
    }
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

export const me = () => call('/api/me');
export const login = (email, password) => call('/api/auth/login', { method: 'POST', json: { email, password } });
export const logout = () => call('/api/auth/logout', { method: 'POST' });
export const getAsset = (id) => call(`/api/assets/${encodeURIComponent(id)}`);
export const deleteAsset = (id) => call(`/api/assets/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const listLibraries = () => call('/api/libraries');
export const addLibrary = (body) => call('/api/libraries', { method: 'POST', json: body });
export const rescanLibrary = (id) => call(`/api/libraries/${encodeURIComponent(id)}/rescan`, { method: 'POST' });
export const removeLibrary = (id) => call(`/api/libraries/${encodeURIComponent(id)}`, { method: 'DELETE' });

const id = (v) => encodeURIComponent(v);
export const markAsset = (assetId, marks) => call(`/api/assets/${id(assetId)}`, { method: 'PATCH', json: marks });
export const listAlbums = () => call('/api/albums');
export const getAlbum = (albumId) => call(`/api/albums/${id(albumId)}`);
export const createAlbum = (name, assetIds = []) => call('/api/albums', { method: 'POST', json: { name, assetIds } });
export const addToAlbum = (albumId, assetIds) =>
  call(`/api/albums/${id(albumId)}/assets`, { method: 'POST', json: { assetIds } });
export const listTrash = (cursor) => call(`/api/trash?limit=100${cursor ? `&cursor=${id(cursor)}` : ''}`);
export const restoreAsset = (assetId) => call(`/api/trash/${id(assetId)}/restore`, { method: 'POST' });
export const emptyTrash = () => call('/api/trash', { method: 'DELETE' });

/** One page of assets, newest first: {items, nextCursor}; album and favorite narrow it further. */
export function listAssets({ q, mediaType, album, favorite, cursor, limit = 60 }) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (q) params.set('q', q);
  if (mediaType) params.set('mediaType', mediaType);
  if (album) params.set('album', album);
  if (favorite) params.set('favorite', 'true');
  if (cursor) params.set('cursor', cursor);
  return call(`/api/assets?${params}`);
}

/**
 * Uploads one file as multipart/form-data, reporting progress (0..1) as it goes. Resolves to the stored
 * asset ({duplicate: true} when this user already had the same bytes); rejects with an ApiError.
 */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/assets');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 200 || xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          reject(new ApiError(xhr.status, 'The server answered with something that is not JSON.'));
        }
        return;
      }
      const error = new ApiError(xhr.status, problemMessage(xhr.status, xhr.statusText, xhr.responseText));
      if (xhr.status === 401) unauthorized(error.message);
      reject(error);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, UNREACHABLE)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'The upload was cancelled.')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
