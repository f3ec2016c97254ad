// Small display helpers: sizes, dates and element building without innerHTML.

export function bytes(n) {
  if (n == null) return '';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A capture time as recorded (it may lack a zone, then it is shown as the camera's local time). */
export function captureTime(text) {
  if (!text) return '';
  const zoned = /[zZ]|[+-]\d\d:\d\d$/.test(text);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  const options = { dateStyle: 'medium', timeStyle: 'short' };
  return zoned ? date.toLocaleString(undefined, options) : `${date.toLocaleString(undefined, options)} (camera time)`;
}

export function instant(text) {
  if (!text) return '';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function shorten(text, max) {
  if (!text || text.length <= max) return text || '';
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Builds an element: el('li', {class: 'x', dataset: {id}}, child, 'text'). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

/** Fills a <dl> with the pairs whose value is present. */
export function fillList(dl, pairs) {
  dl.replaceChildren();
  for (const [label, value, field] of pairs) {
    if (value == null || value === '') continue;
    dl.append(el('dt', { text: label }), el('dd', { text: String(value), dataset: field ? { field } : undefined }));
  }
}
