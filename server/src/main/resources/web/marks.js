// The detail view's marks: favourite toggle, 0-5 rating, and "add to album" with the user's albums.
import { addToAlbum, listAlbums, markAsset } from './api.js';

const $ = (id) => document.getElementById(id);

export class DetailMarks {
  constructor({ announce, current }) {
    Object.assign(this, { announce, current });
    this.favorite = false;
    $('detail-favorite').addEventListener('click', () => this.toggleFavorite());
    $('detail-rating').addEventListener('change', () => this.rate());
    $('detail-album-add').addEventListener('click', () => this.addToAlbum());
  }

  show(asset) {
    this.favorite = Boolean(asset.favorite);
    this.render();
    $('detail-rating').value = String(asset.rating || 0);
    this.loadAlbums();
  }

  render() {
    const button = $('detail-favorite');
    button.setAttribute('aria-pressed', String(this.favorite));
    button.textContent = this.favorite ? 'Favourite (on)' : 'Favourite';
  }

  async loadAlbums() {
    const select = $('detail-album');
    try {
      const { items } = await listAlbums();
      const chosen = select.value;
      select.replaceChildren(new Option(items.length ? 'Choose an album' : 'No albums yet (create one in Albums)', ''),
        ...items.map((a) => new Option(`${a.name} (${a.assetCount})`, a.id)));
      if (items.some((a) => a.id === chosen)) select.value = chosen;
    } catch (error) {
      $('detail-error').textContent = error.message;
    }
  }

  async toggleFavorite() {
    const id = this.current();
    if (!id) return;
    try {
      const asset = await markAsset(id, { favorite: !this.favorite });
      if (id !== this.current()) return;
      this.favorite = asset.favorite;
      this.render();
      this.announce(asset.favorite ? 'Marked as favourite' : 'No longer a favourite');
    } catch (error) {
      $('detail-error').textContent = error.message;
    }
  }

  async rate() {
    const id = this.current();
    if (!id) return;
    try {
      const asset = await markAsset(id, { rating: Number($('detail-rating').value) });
      this.announce(asset.rating ? `Rated ${asset.rating} of 5` : 'Rating removed');
    } catch (error) {
      $('detail-error').textContent = error.message;
    }
  }

  async addToAlbum() {
    const id = this.current();
    const select = $('detail-album');
    if (!id) return;
    if (!select.value) {
      $('detail-error').textContent = 'Choose an album first (create one in the Albums view).';
      select.focus();
      return;
    }
    try {
      const result = await addToAlbum(select.value, [id]);
      this.announce(result.added ? `Added to ${result.album.name}` : `Already in ${result.album.name}`);
      await this.loadAlbums();
    } catch (error) {
      $('detail-error').textContent = error.message;
    }
  }
}
