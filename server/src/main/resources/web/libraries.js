// The admin's Libraries view: folders and bucket prefixes catalogued in place, with their scan status;
// add one (folder or S3), rescan, remove. Refreshes while open. Secrets typed here are sent once, never shown.
import { addLibrary, listLibraries, removeLibrary, rescanLibrary } from './api.js';
import { el, instant } from './format.js';

const REFRESH_MS = 2000;

export class Libraries {
  constructor({ dialog, openButton, list, empty, error, form, close, announce, onChanged }) {
    Object.assign(this, { dialog, openButton, list, empty, error, form, close, announce, onChanged });
    this.timer = null;
    this.shown = null; // the listing last rendered: an unchanged one is not rendered again
    this.seen = null; // id -> {busy, last scan} at the last look: a scan that ends reloads the gallery
    openButton.addEventListener('click', () => this.open());
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      clearInterval(this.timer);
      this.timer = null;
      openButton.focus();
    });
    form.addEventListener('change', (e) => {
      if (e.target.name === 'kind') this.showKind();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.add();
    });
    list.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-action]');
      if (button) this.act(button.dataset.action, button.dataset.id, button.dataset.name);
    });
  }

  /** Shown only to admins. */
  enable(isAdmin) {
    this.openButton.hidden = !isAdmin;
  }

  open() {
    this.error.textContent = '';
    this.showKind();
    this.dialog.showModal();
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  showKind() {
    const s3 = this.form.elements.kind.value === 's3';
    this.form.querySelector('.s3-fields').hidden = !s3;
    this.form.querySelector('.disk-fields').hidden = s3;
  }

  async refresh() {
    try {
      const { libraries } = await listLibraries();
      const json = JSON.stringify(libraries);
      if (json !== this.shown) this.render(libraries);
      this.shown = json;
      this.scansEnded(libraries);
    } catch (error) {
      this.error.textContent = error.message;
    }
  }

  /**
   * Reloads the gallery when a scan has ended since the last look (new, changed and offline assets): the last
   * scan is another one, or the library was seen queued or scanning and is no longer.
   */
  scansEnded(libraries) {
    const seen = (l) => ({ busy: l.state === 'queued' || l.state === 'scanning', last: JSON.stringify(l.lastScan) });
    const ended = this.seen === null ? [] : libraries.filter((l) => {
      const before = this.seen.get(l.id);
      const now = seen(l);
      return l.lastScan && (!before || before.last !== now.last || (before.busy && !now.busy));
    });
    this.seen = new Map(libraries.map((l) => [l.id, seen(l)]));
    if (ended.length === 0) return;
    this.announce(`Finished scanning ${ended.map((l) => l.name).join(', ')}`);
    this.onChanged();
  }

  render(libraries) {
    const focused = document.activeElement && this.list.contains(document.activeElement)
      ? document.activeElement.id : null;
    this.list.replaceChildren(...libraries.map((l) => this.item(l)));
    this.empty.hidden = libraries.length > 0;
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  item(l) {
    const scan = l.scan || l.lastScan;
    const files = l.files || {};
    const state = l.state === 'scanning' && scan
      ? `scanning: ${scan.found} found, ${scan.catalogued} catalogued` : l.state;
    const last = l.lastScan
      ? `last scan ${instant(l.lastScan.finishedAt)}: ${l.lastScan.catalogued} catalogued, ${l.lastScan.linked} linked,`
        + ` ${l.lastScan.unchanged} unchanged, ${Object.values(l.lastScan.skipped || {}).reduce((a, b) => a + b, 0)}`
        + ` skipped, ${l.lastScan.errors} errors${l.lastScan.failure ? ` (${l.lastScan.failure})` : ''}`
      : 'not scanned yet';
    return el('li', { class: 'library', dataset: { id: l.id } },
      el('h3', { text: l.name }),
      el('p', { class: 'where', text: `${l.kind === 's3' ? 'Bucket' : 'Folder'} ${l.where}, owner ${l.ownerEmail}` }),
      // files.skipped counts only files refused by their bytes; the last scan's skipped count is the whole story
      el('p', { class: 'counts', text: `${files.online} online, ${files.offline} offline · ${state} · ${last}` }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: `rescan-${l.id}`, dataset: { action: 'rescan', id: l.id, name: l.name },
          text: 'Rescan' }),
        el('button', { type: 'button', id: `remove-${l.id}`, class: 'danger',
          dataset: { action: 'remove', id: l.id, name: l.name }, text: 'Remove…' })));
  }

  async act(action, id, name) {
    this.error.textContent = '';
    try {
      if (action === 'rescan') {
        await rescanLibrary(id);
        this.announce(`Rescanning ${name}`);
      } else if (window.confirm(`Remove the library ${name}? Its assets leave the gallery; its files stay where`
        + ' they are.')) {
        await removeLibrary(id);
        this.announce(`Removed the library ${name}`);
        this.onChanged();
      }
      await this.refresh();
    } catch (error) {
      this.error.textContent = error.message;
    }
  }

  async add() {
    const f = this.form.elements;
    const text = (name) => f[name].value.trim() || undefined;
    const body = { kind: f.kind.value, name: text('name'), ownerEmail: text('ownerEmail') };
    if (body.kind === 'disk') {
      body.path = text('path');
    } else {
      Object.assign(body, { bucket: text('bucket'), prefix: text('prefix'), endpoint: text('endpoint'),
        region: text('region'), accessKeyId: text('accessKeyId'), secretAccessKey: text('secretAccessKey'),
        profile: text('profile') });
      if (f.pathStyle.checked) body.pathStyle = true;
    }
    this.error.textContent = '';
    try {
      const added = await addLibrary(body);
      f.secretAccessKey.value = '';
      this.form.reset();
      this.showKind();
      this.announce(`Added the library ${added.name}; scanning it`);
      await this.refresh();
      this.onChanged();
    } catch (error) {
      this.error.textContent = error.message;
    }
  }
}
