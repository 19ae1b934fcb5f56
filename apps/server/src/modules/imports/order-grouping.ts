import type { OrderInput } from '@linli/contracts';
import {
  mapOrderHead,
  mapOrderItem,
  orderLevelMismatches,
  type OrderHead,
  type OrderItem,
  type Row,
  type RowProblem,
} from './row-mappers.ts';

/**
 * Orders arrive one row per order line; consecutive rows with the same order_id are one order.
 * An order whose lines come apart (the id reappears after another order) is an error on the late
 * rows: they cannot be merged without holding the whole file.
 */
export interface SourceLine {
  rowNumber: number;
  record: Row;
  cells: readonly string[];
}

export interface LineProblem {
  line: SourceLine;
  problem: RowProblem;
}

export interface OrderGroup {
  lines: SourceLine[];
  /** the order to ingest, or null when one of its lines is wrong */
  order: OrderInput | null;
  /** every problem, and for a rejected order one entry for each of its other lines */
  problems: LineProblem[];
}

/**
 * A set of strings kept as 64-bit hashes in flat typed arrays (8 bytes a slot), so remembering
 * millions of order ids costs tens of megabytes rather than hundreds. Two different ids share a
 * hash with probability about n²/2⁶⁵ (≈ 10⁻⁶ for five million orders).
 */
export class SeenIds {
  private a = new Uint32Array(1024);
  private b = new Uint32Array(1024);
  private size = 0;

  private static hash(s: string): [number, number] {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c ^ s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    h1 ^= h1 >>> 16;
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
    h2 ^= h2 >>> 16;
    return [h1 >>> 0, h2 >>> 0 || 1]; // b = 0 marks an empty slot
  }

  private slot(h1: number, h2: number, a: Uint32Array, b: Uint32Array): number {
    const mask = a.length - 1;
    let i = h1 & mask;
    while (b[i] !== 0 && !(a[i] === h1 && b[i] === h2)) i = (i + 1) & mask;
    return i;
  }

  has(id: string): boolean {
    const [h1, h2] = SeenIds.hash(id);
    return this.b[this.slot(h1, h2, this.a, this.b)] !== 0;
  }

  add(id: string): void {
    const [h1, h2] = SeenIds.hash(id);
    const i = this.slot(h1, h2, this.a, this.b);
    if (this.b[i] !== 0) return;
    this.a[i] = h1;
    this.b[i] = h2;
    if (++this.size * 4 > this.a.length * 3) this.grow();
  }

  private grow(): void {
    const a = new Uint32Array(this.a.length * 2);
    const b = new Uint32Array(this.b.length * 2);
    for (let i = 0; i < this.a.length; i++) {
      if (this.b[i] === 0) continue;
      const j = this.slot(this.a[i]!, this.b[i]!, a, b);
      a[j] = this.a[i]!;
      b[j] = this.b[i]!;
    }
    this.a = a;
    this.b = b;
  }
}

interface Open {
  id: string;
  lines: SourceLine[];
  head: OrderHead | null;
  items: OrderItem[];
  problems: LineProblem[];
}

export class OrderGrouper {
  private current: Open | null = null;
  private readonly seen = new SeenIds();

  /** Adds a line; returns the groups it completed (the previous order, and/or this line rejected alone). */
  add(line: SourceLine): OrderGroup[] {
    const id = line.record.order_id?.trim() ?? '';
    const done: OrderGroup[] = [];
    if (!id) {
      done.push(
        alone(line, {
          field: 'order_id',
          reason: 'order_id is required on every line of an order',
          code: 'import.required',
        }),
      );
      return done;
    }
    if (this.current && this.current.id === id) {
      this.addLine(this.current, line, false);
      return done;
    }
    if (this.current) done.push(this.close(this.current));
    this.current = null;
    if (this.seen.has(id)) {
      done.push(
        alone(line, {
          field: 'order_id',
          reason: `order ${JSON.stringify(id)} already appeared earlier in the file; all lines of one order must be on consecutive rows`,
          code: 'import.order_not_grouped',
        }),
      );
      return done;
    }
    this.current = { id, lines: [], head: null, items: [], problems: [] };
    this.addLine(this.current, line, true);
    return done;
  }

  /** Completes the last order at the end of the file. */
  finish(): OrderGroup[] {
    const last = this.current;
    this.current = null;
    return last ? [this.close(last)] : [];
  }

  private addLine(open: Open, line: SourceLine, first: boolean): void {
    open.lines.push(line);
    const problems: RowProblem[] = [];
    if (first) {
      const head = mapOrderHead(line.record);
      if (head.ok) open.head = head.item;
      else problems.push(...head.problems);
    } else {
      problems.push(...orderLevelMismatches(open.lines[0]!.record, line.record, open.lines[0]!.rowNumber));
    }
    const item = mapOrderItem(line.record);
    if (item.ok) open.items.push(item.item);
    else problems.push(...item.problems);
    for (const problem of problems) open.problems.push({ line, problem });
  }

  private close(open: Open): OrderGroup {
    this.seen.add(open.id);
    if (open.problems.length === 0 && open.head) {
      return { lines: open.lines, order: { ...open.head, items: open.items }, problems: [] };
    }
    const bad = new Set(open.problems.map((p) => p.line));
    const firstBad = open.problems[0]!.line.rowNumber;
    const problems = [...open.problems];
    for (const line of open.lines) {
      if (bad.has(line)) continue;
      problems.push({
        line,
        problem: {
          field: 'order_id',
          reason: `order ${JSON.stringify(open.id)} not imported: row ${firstBad} has errors`,
          code: 'import.order_line_rejected',
        },
      });
    }
    problems.sort((x, y) => x.line.rowNumber - y.line.rowNumber);
    return { lines: open.lines, order: null, problems };
  }
}

function alone(line: SourceLine, problem: RowProblem): OrderGroup {
  return { lines: [line], order: null, problems: [{ line, problem }] };
}
