// The detail view: a modal dialog with the preview, the original's download link, the key metadata and,
// for AI images, how they were generated. Left/right arrows step through the grid; Delete asks first.
import { deleteAsset, getAsset } from './api.js';
import { bytes, captureTime, fillList, instant } from './format.js';
import { DetailMarks } from './marks.js';

const $ = (id) => document.getElementById(id);

export class Detail {
  constructor({ grid, announce, onClosed }) {
    Object.assign(this, { grid, announce, onClosed });
    this.dialog = $('detail');
    this.confirm = $('confirm-delete');
    this.current = null;
    this.marks = new DetailMarks({ announce, current: () => this.current });
    $('detail-close').addEventListener('click', () => this.dialog.close());
    $('detail-prev').addEventListener('click', () => this.step(-1));
    $('detail-next').addEventListener('click', () => this.step(1));
    $('detail-delete').addEventListener('click', () => this.askDelete());
    $('confirm-cancel').addEventListener('click', () => this.confirm.close());
    $('confirm-ok').addEventListener('click', () => this.delete());
    this.dialog.addEventListener('close', () => this.closed());
    document.addEventListener('keydown', (e) => {
      if (!this.dialog.open || this.confirm.open || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target.closest && e.target.closest('input, select, textarea, video')) return;
      if (e.key === 'ArrowLeft') this.step(-1);
      else if (e.key === 'ArrowRight') this.step(1);
      else if (e.key === 'Delete') this.askDelete();
      else if (e.key === 'f' || e.key === 'F') this.marks.toggleFavorite();
      else return;
      e.preventDefault();
    });
  }

  async open(id) {
    this.current = id;
    $('detail-title').textContent = 'Loading…';
    $('detail-error').textContent = '';
    if (!this.dialog.open) this.dialog.showModal();
    const url = new URL(window.location.href);
    url.searchParams.set('asset', id);
    window.history.replaceState(null, '', url);
    try {
      const asset = await getAsset(id);
      if (this.current === id) this.show(asset);
    } catch (error) {
      if (this.current === id) {
        $('detail-title').textContent = 'Not available';
        $('detail-error').textContent = error.message;
      }
    }
    this.updateSteps();
  }

  show(asset) {
    const meta = asset.metadata || {};
    const ai = meta.ai || {};
    const photo = meta.photo || {};
    const image = $('detail-image');
    const video = $('detail-video');
    const isVideo = asset.mediaType.startsWith('video/');
    image.hidden = isVideo;
    video.hidden = !isVideo;
    if (isVideo) {
      image.removeAttribute('src');
      video.poster = asset.links.preview || '';
      video.src = asset.links.original;
    } else {
      video.removeAttribute('src');
      image.src = asset.links.preview || asset.links.original;
      image.alt = ai.prompt ? `Preview of ${asset.fileName}: ${ai.prompt}` : `Preview of ${asset.fileName}`;
    }
    $('detail-title').textContent = asset.fileName;
    const download = $('detail-download');
    download.href = asset.links.original;
    download.setAttribute('download', asset.fileName);
    download.hidden = Boolean(asset.offline);
    const camera = photo.make && photo.model && photo.model.toLowerCase().startsWith(photo.make.toLowerCase())
      ? photo.model : [photo.make, photo.model].filter(Boolean).join(' ');
    const place = photo.latitude != null && photo.longitude != null
      ? `${Number(photo.latitude).toFixed(5)}, ${Number(photo.longitude).toFixed(5)}` : '';
    fillList($('detail-meta'), [
      ['Type', asset.mediaType, 'mediaType'],
      ['Size', bytes(asset.size), 'size'],
      ['Dimensions', asset.width && asset.height ? `${asset.width} × ${asset.height}` : '', 'dimensions'],
      ['Captured', captureTime(asset.captureTime), 'captureTime'],
      ['Camera', camera, 'camera'],
      ['Lens', photo.lens, 'lens'],
      ['Location', place, 'location'],
      ['Duration', meta.video && meta.video.durationSeconds ? `${meta.video.durationSeconds} s` : '', 'duration'],
      ['Uploaded', instant(asset.createdAt), 'createdAt'],
      ['Library', meta.library ? `${meta.library.name}: ${meta.library.path}` : '', 'library'],
      ['Status', asset.offline ? 'Offline: the original is missing from its library' : '', 'offline'],
      ['Provenance', meta.provenance ? `${meta.provenance.format} manifest ${meta.provenance.path}` : '',
        'provenance'],
    ]);
    const hasAi = Object.keys(ai).length > 0;
    $('detail-ai').hidden = !hasAi;
    this.marks.show(asset);
    fillList($('detail-ai-meta'), hasAi ? [
      ['Generator', ai.generator, 'generator'],
      ['Prompt', ai.prompt, 'prompt'],
      ['Negative prompt', ai.negativePrompt, 'negativePrompt'],
      ['Model', ai.model, 'model'],
      ['Seed', ai.seed, 'seed'],
      ['Steps', ai.steps, 'steps'],
      ['Sampler', ai.sampler, 'sampler'],
      ['CFG scale', ai.cfgScale, 'cfgScale'],
      ['Content credentials', ai.c2pa ? (ai.c2pa.claimGenerator || 'present') : '', 'c2pa'],
    ] : []);
  }

  updateSteps() {
    const index = this.grid.assets.findIndex((a) => a.id === this.current);
    $('detail-prev').disabled = index <= 0;
    $('detail-next').disabled = index < 0 || (index === this.grid.assets.length - 1 && this.grid.done);
  }

  async step(delta) {
    const next = await this.grid.neighbour(this.current, delta);
    if (next) this.open(next.id);
  }

  askDelete() {
    if (!this.current || this.confirm.open) return;
    $('confirm-text').textContent = `${$('detail-title').textContent} will be moved to the trash. You can restore`
      + ' it from the Trash until the trash is emptied.';
    this.confirm.showModal();
    $('confirm-cancel').focus();
  }

  async delete() {
    const id = this.current;
    const name = $('detail-title').textContent;
    $('confirm-ok').disabled = true;
    try {
      await deleteAsset(id);
      this.confirm.close();
      const next = (await this.grid.neighbour(id, 1)) || (await this.grid.neighbour(id, -1));
      this.grid.remove(id);
      this.announce(`Moved ${name} to the trash`);
      this.returnTo = next ? next.id : null;
      this.dialog.close();
    } catch (error) {
      this.confirm.close();
      $('detail-error').textContent = error.message;
    } finally {
      $('confirm-ok').disabled = false;
    }
  }

  closed() {
    const url = new URL(window.location.href);
    url.searchParams.delete('asset');
    window.history.replaceState(null, '', url);
    $('detail-video').pause();
    const focusId = this.returnTo !== undefined ? this.returnTo : this.current;
    this.returnTo = undefined;
    this.current = null;
    this.onClosed(focusId);
  }
}
