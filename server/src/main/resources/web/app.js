// The Lightbox gallery: the login form or the library, wired to the JSON API. No framework, no build.
import { logout, me } from './api.js';
import { Detail } from './detail.js';
import { Grid } from './grid.js';
import { Libraries } from './libraries.js';
import { setupLogin } from './login.js';
import { Uploads } from './upload.js';
import { Views } from './views.js';

const $ = (id) => document.getElementById(id);
const status = $('status');

function announce(text) {
  status.textContent = text;
}

function showError(error) {
  $('gallery-error').textContent = error ? error.message : '';
}

const grid = new Grid({
  list: $('grid'),
  loadMore: $('load-more'),
  sentinel: $('sentinel'),
  empty: $('empty'),
  onOpen: (id) => detail.open(id),
  onError: showError,
  onLoaded: (count, done) => {
    showError(null);
    announce(`${count}${done ? '' : '+'} item${count === 1 ? '' : 's'} shown`);
  },
});

const detail = new Detail({
  grid,
  announce,
  onClosed: (id) => {
    if (id) grid.focus(id);
  },
});

new Uploads({
  input: $('file-input'),
  button: $('upload-button'),
  dropZone: document, // the whole window, also below a short page
  overlay: $('drop-overlay'),
  section: $('uploads'),
  list: $('upload-list'),
  clear: $('uploads-clear'),
  active: () => !$('gallery-view').hidden,
  onUploaded: (asset) => grid.insert(asset),
  announce,
});

// Selection and "Download ZIP": a plain form post, so the browser streams the archive (gigabytes, maybe)
// straight to disk with its own progress, exactly as the server sends it.
function showSelection(selected) {
  const n = selected.size;
  $('selection-count').textContent = n === 0 ? 'Nothing selected' : `${n} selected`;
  $('zip-download').disabled = n === 0;
  $('zip-ids').value = [...selected].join(',');
}

function setSelecting(on) {
  grid.setSelecting(on);
  $('select-toggle').setAttribute('aria-pressed', String(on));
  $('zip-form').hidden = !on;
  announce(on ? 'Selection mode: Enter or Space selects a file' : 'Selection mode off');
}

grid.onSelection = (selected) => {
  showSelection(selected);
  announce($('selection-count').textContent);
};
$('select-toggle').addEventListener('click', () => setSelecting(!grid.selecting));
$('selection-done').addEventListener('click', () => setSelecting(false));
$('selection-all').addEventListener('click', () => grid.selectAllShown());
$('selection-clear').addEventListener('click', () => grid.clearSelection());
$('zip-form').addEventListener('submit', (e) => {
  if (grid.selected.size === 0) {
    e.preventDefault();
    return;
  }
  showSelection(grid.selected);
  announce(`Downloading ${grid.selected.size} file${grid.selected.size === 1 ? '' : 's'} as one ZIP`);
});

const libraries = new Libraries({
  dialog: $('libraries'),
  openButton: $('libraries-button'),
  list: $('library-list'),
  empty: $('libraries-empty'),
  error: $('libraries-error'),
  form: $('library-form'),
  close: $('libraries-close'),
  announce,
  onChanged: () => applyFilter(),
});

const views = new Views({ onLibraryChanged: () => applyFilter(), announce });

function filterFromPage() {
  return { q: $('search').value.trim(), mediaType: $('media-type').value, ...views.filter() };
}

function applyFilter() {
  const filter = filterFromPage();
  const { q, mediaType } = filter;
  const url = new URL(window.location.href);
  if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
  if (mediaType) url.searchParams.set('type', mediaType); else url.searchParams.delete('type');
  window.history.replaceState(null, '', url);
  return grid.reset(filter);
}

let searchTimer;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(applyFilter, 300);
});
$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(searchTimer);
  applyFilter();
});
$('media-type').addEventListener('change', applyFilter);

function showLogin(message) {
  grid.clear();
  showSelection(grid.selected);
  $('select-toggle').setAttribute('aria-pressed', 'false');
  $('zip-form').hidden = true;
  if ($('detail').open) $('detail').close();
  if ($('libraries').open) $('libraries').close();
  libraries.enable(false);
  $('upload-list').replaceChildren(); // the next user of this browser does not see them
  $('uploads').hidden = true;
  views.reset();
  $('gallery-view').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  document.title = 'Log in · Lightbox';
  $('login-email').focus();
}

async function showGallery(user) {
  $('login-view').hidden = true;
  $('gallery-view').hidden = false;
  $('user-name').textContent = user.name || user.email;
  libraries.enable(Boolean(user.admin));
  document.title = 'Lightbox';
  const params = new URL(window.location.href).searchParams;
  $('search').value = params.get('q') || '';
  $('media-type').value = params.get('type') || '';
  const asset = params.get('asset');
  if (asset) detail.open(asset);
  await applyFilter();
  if (asset) detail.updateSteps(); // now that the grid knows its neighbours
}

setupLogin({ form: $('login-form'), error: $('login-error'), onLoggedIn: showGallery });

$('logout').addEventListener('click', async () => {
  try {
    await logout();
  } catch (error) {
    showError(error);
    return;
  }
  window.history.replaceState(null, '', '/');
  showLogin();
  announce('Logged out');
});

window.addEventListener('lightbox:unauthorized', (e) => showLogin(e.detail));

try {
  showGallery(await me());
} catch (error) {
  showLogin(error.status === 401 ? '' : error.message);
}
