// One row per figure: what was measured, the value, the baseline it is compared with side by side, the
// ratio, the budget and whether it holds. `bench/index.ts` prints them as a table and as one JSON line.
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  baseline?: { name: string; value: number };
  /** value / baseline. */
  ratio?: number;
  /** A human-readable budget, e.g. "ratio ≤ 1.5 and < 100 ms". */
  budget?: string;
  ok?: boolean;
  note?: string;
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${round(f.value).toLocaleString('en-US')} ${f.unit}`,
    f.baseline ? `${f.baseline.name}: ${round(f.baseline.value).toLocaleString('en-US')} ${f.unit}` : '',
    f.ratio === undefined ? '' : `${round(f.ratio)}×`,
    f.budget ?? '',
    f.ok === undefined ? '' : f.ok ? 'ok' : 'OVER',
  ]);
  const head = ['figure', 'value', 'side by side', 'ratio', 'budget', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
