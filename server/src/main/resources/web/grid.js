// The thumbnail grid: pages of assets from the API (newest first), loaded as the end of the list comes
// into view or with the "Load more" button, and moved through with the arrow keys (one tab stop).
import { listAssets } from './api.js';
import { el, instant, shorten } from './format.js';

const PAGE = 60;

export class Grid {
  constructor({ list, loadMore, sentinel, empty, onOpen, onError, onLoaded }) {
    Object.assign(this, { list, loadMore, sentinel, empty, onOpen, onError, onLoaded });
    this.assets = [];
    this.filter = {};
    this.cursor = null;
    this.done = true;
    this.loading = false;
    this.generation = 0;
    this.selecting = false;
    this.selected = new Set();
    this.onSelection = () => {};
    loadMore.addEventListener('click', () => this.load());
    list.addEventListener('click', (e) => {
      const tile = e.target.closest('button.tile');
      if (!tile) return;
      if (this.selecting) this.toggle(tile);
      else this.onOpen(tile.dataset.id);
    });
    list.addEventListener('keydown', (e) => this.onKey(e));
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.load();
    }, { rootMargin: '600px' }).observe(sentinel);
  }

  /** Starts over with a new filter ({q, mediaType, album, favorite}). */
  reset(filter) {
    this.generation++;
    this.filter = filter;
    this.assets = [];
    this.cursor = null;
    this.done = false;
    this.loading = false;
    this.list.replaceChildren();
    this.empty.hidden = true;
    return this.load();
  }

  /**
   * Selection mode: a click, Enter or Space on a tile selects it or not (the tile is then a toggle button,
   * aria-pressed) instead of opening it. The selection is kept across filters; {@link onSelection} hears of it.
   */
  setSelecting(on) {
    this.selecting = on;
    this.list.classList.toggle('selecting', on);
    for (const tile of this.tiles()) this.markTile(tile);
  }

  toggle(tile) {
    const { id } = tile.dataset;
    if (this.selected.has(id)) this.selected.delete(id); else this.selected.add(id);
    this.markTile(tile);
    this.onSelection(this.selected);
  }

  selectAllShown() {
    for (const asset of this.assets) this.selected.add(asset.id);
    for (const tile of this.tiles()) this.markTile(tile);
    this.onSelection(this.selected);
  }

  clearSelection() {
    this.selected.clear();
    for (const tile of this.tiles()) this.markTile(tile);
    this.onSelection(this.selected);
  }

  markTile(tile) {
    if (this.selecting) tile.setAttribute('aria-pressed', String(this.selected.has(tile.dataset.id)));
    else tile.removeAttribute('aria-pressed');
  }

  clear() {
    this.generation++;
    this.selected.clear();
    this.setSelecting(false);
    this.assets = [];
    this.done = true;
    this.list.replaceChildren();
  }

  async load() {
    if (this.loading || this.done) return;
    this.loading = true;
    this.loadMore.disabled = true;
    const generation = this.generation;
    try {
      const page = await listAssets({ ...this.filter, cursor: this.cursor, limit: PAGE });
      if (generation !== this.generation) return;
      for (const asset of page.items) {
        this.assets.push(asset);
        this.list.append(this.tile(asset));
      }
      this.cursor = page.nextCursor;
      this.done = !page.nextCursor;
      this.updateRovingFocus();
      this.onLoaded(this.assets.length, this.done);
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.loadMore.disabled = false;
        this.loadMore.hidden = this.done;
        this.empty.hidden = this.assets.length > 0 || !this.done;
      }
    }
  }

  tile(asset) {
    const label = asset.aiPrompt ? `${asset.fileName}: ${shorten(asset.aiPrompt, 140)}` : asset.fileName;
    const when = asset.captureTime ? instant(asset.takenAt) : `uploaded ${instant(asset.createdAt)}`;
    const picture = asset.links.thumbnail
      ? el('img', { src: asset.links.thumbnail, alt: label, loading: 'lazy', decoding: 'async' })
      : el('span', { class: 'placeholder', text: asset.mediaType.startsWith('video/') ? '▶' : '🖼', role: 'img',
        'aria-label': label });
    const isVideo = asset.mediaType.startsWith('video/');
    const button = el('button', { type: 'button', class: asset.offline ? 'tile offline' : 'tile',
      dataset: { id: asset.id }, tabindex: '-1',
      title: `${asset.fileName}, ${when}${asset.offline ? ', offline' : ''}` },
    picture,
    isVideo ? el('span', { class: 'badge', text: 'Video' }) : null,
    asset.offline ? el('span', { class: 'badge badge-offline', text: 'Offline' }) : null);
    this.markTile(button);
    return el('li', {}, button);
  }

  /** Shows a just uploaded asset where it belongs in the order, if that part of the list is loaded. */
  insert(asset) {
    if (this.assets.some((a) => a.id === asset.id) || !this.matches(asset)) return;
    let index = this.assets.findIndex((a) => Date.parse(a.takenAt) < Date.parse(asset.takenAt));
    if (index < 0) {
      if (!this.done) return; // it belongs to a page not loaded yet
      index = this.assets.length;
    }
    const tile = this.tile(asset);
    const before = this.list.children[index];
    this.assets.splice(index, 0, asset);
    if (before) this.list.insertBefore(tile, before);
    else this.list.append(tile);
    this.empty.hidden = true;
    this.updateRovingFocus();
  }

  matches(asset) {
    const { q, mediaType, album, favorite } = this.filter;
    if (album || favorite) return false; // a new upload is in neither
    if (mediaType && !asset.mediaType.startsWith(mediaType)) return false;
    return !q || (asset.aiPrompt || '').toLowerCase().includes(q.toLowerCase());
  }

  remove(id) {
    const index = this.assets.findIndex((a) => a.id === id);
    if (index < 0) return;
    this.assets.splice(index, 1);
    this.list.children[index].remove();
    this.empty.hidden = this.assets.length > 0 || !this.done;
    this.updateRovingFocus(Math.min(index, this.assets.length - 1));
  }

  /** The asset next to id (delta -1 or +1), loading the next page when needed; or null. */
  async neighbour(id, delta) {
    let index = this.assets.findIndex((a) => a.id === id);
    if (index < 0) return null;
    if (delta > 0 && index + 1 >= this.assets.length && !this.done) {
      await this.load();
      index = this.assets.findIndex((a) => a.id === id);
    }
    return this.assets[index + delta] || null;
  }

  tiles() {
    return [...this.list.querySelectorAll('button.tile')];
  }

  focus(id) {
    const tile = this.tiles().find((t) => t.dataset.id === id);
    if (tile) {
      this.updateRovingFocus(this.tiles().indexOf(tile));
      tile.focus();
    }
  }

  /** Exactly one tile is in the tab order: the current one. */
  updateRovingFocus(current) {
    const tiles = this.tiles();
    let index = current ?? tiles.findIndex((t) => t.tabIndex === 0);
    if (index < 0 || index >= tiles.length) index = 0;
    tiles.forEach((t, i) => { t.tabIndex = i === index ? 0 : -1; });
  }

  columns() {
    const tiles = this.tiles();
    if (tiles.length === 0) return 1;
    const top = tiles[0].getBoundingClientRect().top;
    const n = tiles.findIndex((t) => t.getBoundingClientRect().top > top + 1);
    return n < 0 ? tiles.length : n;
  }

  onKey(e) {
    const tiles = this.tiles();
    const index = tiles.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = {
      ArrowRight: 1, ArrowLeft: -1, ArrowDown: this.columns(), ArrowUp: -this.columns(),
      Home: -index, End: tiles.length - 1 - index, PageDown: this.columns() * 4, PageUp: -this.columns() * 4,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const target = Math.max(0, Math.min(tiles.length - 1, index + moves[e.key]));
    this.updateRovingFocus(target);
    tiles[target].focus();
    tiles[target].scrollIntoView({ block: 'nearest' });
    if (target === tiles.length - 1) this.load();
  }
}
