// Uploads from the file picker or dropped anywhere on the page: two at a time, each with its own line
// showing progress, then "Uploaded", "Already in your library" (a duplicate) or the server's error.
import { upload } from './api.js';
import { bytes, el } from './format.js';

const PARALLEL = 2;

export class Uploads {
  constructor({ input, button, dropZone, overlay, section, list, clear, active, onUploaded, announce }) {
    Object.assign(this, { section, list, active, onUploaded, announce });
    this.queue = [];
    this.running = 0;
    button.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      this.add([...input.files]);
      input.value = '';
    });
    clear.addEventListener('click', () => {
      this.list.querySelectorAll('li.done').forEach((li) => li.remove());
      this.section.hidden = this.list.children.length === 0;
    });
    this.dropTarget(dropZone, overlay);
  }

  dropTarget(zone, overlay) {
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    zone.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = !this.active();
    });
    zone.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = this.active() ? 'copy' : 'none';
    });
    zone.addEventListener('dragleave', (e) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    zone.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      if (this.active()) this.add([...e.dataTransfer.files]); // else just keep the browser from opening them
    });
  }

  add(files) {
    if (files.length === 0) return;
    this.section.hidden = false;
    for (const file of files) {
      const progress = el('progress', { max: '100', value: '0', 'aria-label': `Uploading ${file.name}` });
      const status = el('span', { class: 'upload-status', text: 'Waiting' });
      const item = el('li', { class: 'upload', dataset: { name: file.name } },
        el('span', { class: 'upload-name', text: file.name }), el('span', { class: 'upload-size', text: bytes(file.size) }),
        progress, status);
      this.list.append(item);
      this.queue.push({ file, item, progress, status });
    }
    this.announce(`${files.length} file${files.length === 1 ? '' : 's'} queued for upload`);
    this.next();
  }

  next() {
    while (this.running < PARALLEL && this.queue.length > 0) {
      this.running++;
      this.send(this.queue.shift()).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  async send({ file, item, progress, status }) {
    status.textContent = 'Uploading';
    try {
      const asset = await upload(file, (fraction) => {
        progress.value = Math.round(fraction * 100);
      });
      progress.value = 100;
      const warnings = (asset.warnings || []).length ? ` (${asset.warnings.join('; ')})` : '';
      if (asset.duplicate) {
        this.finish(item, status, 'duplicate', `Already in your library${warnings}`);
      } else {
        this.finish(item, status, 'stored', `Uploaded${warnings}`);
      }
      this.onUploaded(asset);
    } catch (error) {
      progress.remove();
      this.finish(item, status, 'failed', error.message);
      status.setAttribute('role', 'alert');
    }
  }

  finish(item, status, outcome, text) {
    item.classList.add('done', outcome);
    item.dataset.outcome = outcome;
    status.textContent = text;
    this.announce(`${item.dataset.name}: ${text}`);
  }
}
