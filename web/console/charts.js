// Small SVG bar charts drawn from data: no library, nothing fetched. Each chart has a title and a
// description for screen readers; the numbers are also in the table next to it.

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/// groups: [{label, values: [number, ...]}], series: [{name, className}].
export function barChart({ title, groups, series, width = 640, height = 220 }) {
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  svg.appendChild(el('title', {}, title));
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const left = 40, bottom = 40, top = 10;
  const plotH = height - bottom - top;
  const slot = (width - left - 10) / Math.max(1, groups.length);
  const barW = Math.max(2, (slot * 0.8) / series.length);
  svg.appendChild(el('line', { x1: left, y1: top + plotH, x2: width - 10, y2: top + plotH, class: 'axis' }));
  svg.appendChild(el('text', { x: left - 6, y: top + 10, 'text-anchor': 'end', class: 'tick' }, String(max)));
  svg.appendChild(el('text', { x: left - 6, y: top + plotH, 'text-anchor': 'end', class: 'tick' }, '0'));
  groups.forEach((g, i) => {
    const x0 = left + i * slot + slot * 0.1;
    g.values.forEach((v, s) => {
      const h = (v / max) * plotH;
      const rect = el('rect', { x: x0 + s * barW, y: top + plotH - h, width: barW - 1, height: h,
                                class: series[s].className });
      rect.appendChild(el('title', {}, `${g.label} ${series[s].name}: ${v}`));
      svg.appendChild(rect);
    });
    if (groups.length <= 16 || i % Math.ceil(groups.length / 16) === 0) {
      svg.appendChild(el('text', { x: x0 + slot * 0.4, y: height - bottom + 16, 'text-anchor': 'middle',
                                   class: 'tick' }, g.label));
    }
  });
  series.forEach((s, i) => {
    svg.appendChild(el('rect', { x: left + i * 160, y: height - 14, width: 12, height: 12, class: s.className }));
    svg.appendChild(el('text', { x: left + i * 160 + 16, y: height - 4, class: 'tick' }, s.name));
  });
  return svg;
}
