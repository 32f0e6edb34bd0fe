// The one table `npm run bench` prints.
import { FIGURE_KEYS } from './figures.mjs';

const num = (value) => {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return String(value);
};

/** `noise`: share of the server's core used by other processes during the figure's load runs. */
export function formatTable(figures) {
  const rows = [['figure', 'value', 'reference', 'ratio', 'target', 'result', 'errors', 'noise']];
  for (const key of FIGURE_KEYS) {
    const f = figures[key];
    rows.push([
      f.label,
      f.not_measured ? 'not measured' : f.value === null ? 'ERROR' : f.display ?? `${num(f.value)} ${f.unit}`.trim(),
      f.not_measured ? f.not_measured.slice(0, 70) : f.reference ? `${num(f.reference.value)} (${f.reference.label})` : '',
      f.ratio === undefined ? '' : num(f.ratio),
      f.target?.text ?? '',
      f.result,
      f.errors ? String(f.errors) : '',
      f.noise_pct === undefined || f.noise_pct === null ? '' : `${f.noise_pct}%`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
