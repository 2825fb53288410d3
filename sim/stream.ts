// The report of scenario.md written one step at a time (issue #13, finding 4): a big scenario's report never
// has to sit in memory or in one string (V8 caps a string at about 512 MB: "Invalid string length"). The
// bytes are exactly those of `JSON.stringify(report, null, indent)` + "\n", as before streaming; the top
// level is laid out here, every value inside it by JSON.stringify itself.
import type { Report, ReportStep } from './report.ts';

type Write = (chunk: string) => void;

/**
 * Lays out the report's top-level object around a streamed `steps` array. JSON.stringify never leaves a raw
 * line break inside a string, so indenting a nested value is replacing each "\n" with "\n" + its indent.
 */
export class ReportWriter {
  private readonly write: Write;
  private readonly indent: number;
  private steps = 0;
  private head: Array<[string, unknown]> = [];
  /** Characters written so far (the report is ASCII-escaped JSON only where its strings are). */
  written = 0;

  /** `start` is the report before the first step: only the fields ahead of `steps` (the name) are taken. */
  constructor(start: Report, write: Write, indent: number | undefined) {
    this.write = (chunk) => {
      this.written += chunk.length;
      write(chunk);
    };
    this.indent = indent ?? 0;
    const keys = Object.keys(start);
    this.head = fields(start).slice(0, keys.indexOf('steps'));
  }

  step(step: ReportStep): void {
    if (this.steps === 0) this.write(`${this.open(this.head)}${this.member('steps')}[${this.nl(2)}`);
    else this.write(`,${this.nl(2)}`);
    this.write(this.value(step, 2));
    this.steps++;
  }

  /** Writes the rest from the finished report (its `steps` are the ones already streamed). */
  end(report: Report): void {
    const all = fields(report);
    const at = all.findIndex(([key]) => key === 'steps');
    if (this.steps === 0) {
      this.write(`${this.open(all.slice(0, at))}${this.member('steps')}[]`);
    } else {
      this.write(`${this.nl(1)}]`);
    }
    const tail = all.slice(at + 1);
    for (const [key, value] of tail) this.write(`,${this.nl(1)}${this.member(key)}${this.value(value, 1)}`);
    this.write(`${this.indent ? '\n' : ''}}\n`);
  }

  /** `{` and the members before `steps`, each followed by its comma, ready for the `steps` member. */
  private open(members: Array<[string, unknown]>): string {
    let out = '{';
    for (const [key, value] of members) out += `${this.nl(1)}${this.member(key)}${this.value(value, 1)},`;
    return `${out}${this.nl(1)}`;
  }

  private member(key: string): string {
    return `${JSON.stringify(key)}:${this.indent ? ' ' : ''}`;
  }

  private value(value: unknown, level: number): string {
    const text = JSON.stringify(value, null, this.indent || undefined);
    return this.indent ? text.replaceAll('\n', this.nl(level)) : text;
  }

  /** A line break and the indentation of `level`, or nothing when compact. */
  private nl(level: number): string {
    return this.indent ? `\n${' '.repeat(this.indent * level)}` : '';
  }
}

/** The members JSON.stringify would write, in order (undefined and functions are left out, as it does). */
function fields(report: Report): Array<[string, unknown]> {
  return Object.entries(report).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

/** A whole report as the chunks ReportWriter writes (for a Blob in the simulator panel, or tests). */
export function reportChunks(report: Report, indent: number | undefined): string[] {
  const chunks: string[] = [];
  const writer = new ReportWriter({ ...report, steps: [] }, (chunk) => chunks.push(chunk), indent);
  for (const step of report.steps) writer.step(step);
  writer.end({ ...report, steps: [] });
  return chunks;
}
