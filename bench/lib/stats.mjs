// Small statistics helpers; percentiles by rank on sorted samples (no interpolation).

export const median = (values) => percentile(values, 50);

export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (value, digits = 0) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));
