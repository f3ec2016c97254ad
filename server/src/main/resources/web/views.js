// The views beside the library: favourites, albums (list, create, open one in the grid) and the trash
// (thumbnails, restore, empty). Every control is a button, a form or a link: all keyboard reachable.
import { createAlbum, emptyTrash, listAlbums, listTrash, restoreAsset } from './api.js';
import { el, instant } from './format.js';

const $ = (id) => document.getElementById(id);

export class Views {
  constructor({ onLibraryChanged, announce }) {
    Object.assign(this, { onLibraryChanged, announce });
    this.view = 'library';
    this.album = null;
    document.querySelectorAll('nav.views button').forEach((b) => b.addEventListener('click', () =>
      this.show(b.dataset.view)));
    $('album-create').addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
    $('album-list').addEventListener('click', (e) => {
      const open = e.target.closest('button[data-album]');
      if (open) this.openAlbum({ id: open.dataset.album, name: open.dataset.name });
    });
    $('trash-list').addEventListener('click', (e) => {
      const restore = e.target.closest('button[data-restore]');
      if (restore) this.restore(restore.dataset.restore, restore.dataset.name);
    });
    $('trash-empty').addEventListener('click', () => this.askEmpty(true));
    $('trash-empty-cancel').addEventListener('click', () => this.askEmpty(false));
    $('trash-empty-confirm').addEventListener('click', () => this.empty());
  }

  /** Back to the library without loading anything (a new login starts there). */
  reset() {
    this.view = 'library';
    this.album = null;
    document.querySelectorAll('nav.views button').forEach((b) =>
      b.setAttribute('aria-pressed', String(b.dataset.view === 'library')));
    $('library-view').hidden = false;
    $('albums-view').hidden = true;
    $('trash-view').hidden = true;
    $('view-title').hidden = true;
  }

  /** The grid's filter for the current view: {album} or {favorite} or nothing. */
  filter() {
    if (this.view === 'favorites') return { favorite: true };
    if (this.view === 'album' && this.album) return { album: this.album.id };
    return {};
  }

  show(view) {
    this.view = view;
    this.album = null;
    document.querySelectorAll('nav.views button').forEach((b) =>
      b.setAttribute('aria-pressed', String(b.dataset.view === view)));
    $('library-view').hidden = view === 'albums' || view === 'trash';
    $('albums-view').hidden = view !== 'albums';
    $('trash-view').hidden = view !== 'trash';
    const title = $('view-title');
    title.hidden = view !== 'favorites';
    title.textContent = view === 'favorites' ? 'Favourites' : '';
    if (view === 'albums') this.loadAlbums();
    else if (view === 'trash') this.loadTrash();
    else this.onLibraryChanged();
  }

  openAlbum(album) {
    this.show('library');
    this.view = 'album';
    this.album = album;
    const title = $('view-title');
    title.hidden = false;
    title.textContent = `Album: ${album.name}`;
    this.onLibraryChanged();
    this.announce(`Showing album ${album.name}`);
  }

  async loadAlbums() {
    $('albums-error').textContent = '';
    try {
      const { items } = await listAlbums();
      $('album-list').replaceChildren(...items.map((a) => {
        const button = el('button', { type: 'button', class: 'album' });
        button.dataset.album = a.id;
        button.dataset.name = a.name;
        if (a.coverThumbnail) {
          const img = el('img', { alt: '', loading: 'lazy' });
          img.src = a.coverThumbnail;
          button.append(img);
        } else {
          button.append(el('span', { class: 'no-cover', text: 'Empty' }));
        }
        button.append(el('span', { text: `${a.name}, ${a.assetCount} item${a.assetCount === 1 ? '' : 's'}` }));
        return el('li', {}, button);
      }));
      $('albums-none').hidden = items.length > 0;
    } catch (error) {
      $('albums-error').textContent = error.message;
    }
  }

  async create() {
    const input = $('album-name');
    const name = input.value.trim();
    if (!name) {
      $('albums-error').textContent = 'Give the album a name.';
      input.focus();
      return;
    }
    try {
      const album = await createAlbum(name);
      input.value = '';
      this.announce(`Created album ${album.name}`);
      await this.loadAlbums();
    } catch (error) {
      $('albums-error').textContent = error.message;
    }
  }

  async loadTrash() {
    $('trash-error').textContent = '';
    this.askEmpty(false, false);
    try {
      const { items } = await listTrash();
      $('trash-list').replaceChildren(...items.map((a) => {
        const img = el('img', { alt: '', loading: 'lazy', width: 96, height: 96 });
        if (a.links.thumbnail) img.src = a.links.thumbnail;
        const restore = el('button', { type: 'button', text: 'Restore' });
        restore.dataset.restore = a.id;
        restore.dataset.name = a.fileName;
        restore.setAttribute('aria-label', `Restore ${a.fileName}`);
        return el('li', {}, img, el('span', { text: `${a.fileName}, deleted ${instant(a.trashedAt)}` }),
          restore);
      }));
      $('trash-none').hidden = items.length > 0;
      $('trash-empty').disabled = items.length === 0;
    } catch (error) {
      $('trash-error').textContent = error.message;
    }
  }

  async restore(id, name) {
    try {
      await restoreAsset(id);
      this.announce(`Restored ${name}`);
      await this.loadTrash();
      ($('trash-list').querySelector('button') || $('trash-title')).focus();
    } catch (error) {
      $('trash-error').textContent = error.message;
    }
  }

  askEmpty(asking, focus = true) {
    $('trash-empty').hidden = asking;
    $('trash-empty-confirm').hidden = !asking;
    $('trash-empty-cancel').hidden = !asking;
    if (focus) (asking ? $('trash-empty-cancel') : $('trash-empty')).focus({ preventScroll: true });
  }

  async empty() {
    try {
      const { deleted } = await emptyTrash();
      this.announce(`Deleted ${deleted} file${deleted === 1 ? '' : 's'} for good`);
      await this.loadTrash();
    } catch (error) {
      $('trash-error').textContent = error.message;
    }
  }
}
