/**
 * The tokens of every document's searchable attributes, in a few flat typed arrays rather than small arrays
 * per attribute (a typed array or a string per token costs tens of bytes; here a token costs 8): word ids
 * and positions, with per-attribute and per-document ranges into them. Documents are added in number order.
 */
import type { FieldTokens } from './index.ts';

function grow<T extends Int32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const grown = new Int32Array(Math.max(needed, array.length * 2)) as T;
  grown.set(array);
  return grown;
}

export class TokenStore {
  private words = new Int32Array(1 << 12);
  private positions = new Int32Array(1 << 12);
  private tokens = 0;
  /** Field f (one attribute of one document): its rank, its attribute, its tokens from `fieldStart[f]`. */
  private fieldRank = new Int32Array(1 << 10);
  private fieldAttribute = new Int32Array(1 << 10);
  private fieldStart = new Int32Array(1 << 10);
  private fields = 0;
  /** Document n's fields are `docFirst[n]` .. `docLast[n] - 1`. */
  private docFirst = new Int32Array(1 << 10);
  private docLast = new Int32Array(1 << 10);
  private attributes: string[] = [];
  private attributeIds = new Map<string, number>();

  /** Tokens held, removed documents' included until `compact`. */
  get size(): number {
    return this.tokens;
  }

  add(
    n: number,
    fields: Array<{
      attribute: string;
      rank: number;
      words: ArrayLike<number>;
      positions: ArrayLike<number>;
    }>,
  ): void {
    this.docFirst = grow(this.docFirst, n + 1);
    this.docLast = grow(this.docLast, n + 1);
    this.docFirst[n] = this.fields;
    for (const field of fields) {
      const f = this.fields++;
      this.fieldRank = grow(this.fieldRank, f + 2);
      this.fieldAttribute = grow(this.fieldAttribute, f + 2);
      this.fieldStart = grow(this.fieldStart, f + 2);
      this.fieldRank[f] = field.rank;
      this.fieldAttribute[f] = this.attributeId(field.attribute);
      this.fieldStart[f] = this.tokens;
      this.words = grow(this.words, this.tokens + field.words.length);
      this.positions = grow(this.positions, this.tokens + field.words.length);
      this.words.set(field.words, this.tokens);
      this.positions.set(field.positions, this.tokens);
      this.tokens += field.words.length;
      this.fieldStart[f + 1] = this.tokens;
    }
    this.docLast[n] = this.fields;
  }

  remove(n: number): void {
    if (n < this.docFirst.length) this.docLast[n] = this.docFirst[n] as number;
  }

  /** Document n's attributes with their tokens (views into the store: valid until the next change). */
  fieldsOf(n: number): FieldTokens[] {
    if (n >= this.docFirst.length) return [];
    const out: FieldTokens[] = [];
    for (let f = this.docFirst[n] as number; f < (this.docLast[n] as number); f++) {
      const start = this.fieldStart[f] as number;
      const end = this.fieldStart[f + 1] as number;
      out.push({
        attribute: this.attributes[this.fieldAttribute[f] as number] as string,
        rank: this.fieldRank[f] as number,
        words: this.words.subarray(start, end),
        positions: this.positions.subarray(start, end),
      });
    }
    return out;
  }

  /** How many tokens document n holds in its attribute of rank `rank`. */
  countIn(n: number, rank: number): number {
    if (n >= this.docFirst.length) return 0;
    for (let f = this.docFirst[n] as number; f < (this.docLast[n] as number); f++)
      if (this.fieldRank[f] === rank)
        return (this.fieldStart[f + 1] as number) - (this.fieldStart[f] as number);
    return 0;
  }

  clear(): void {
    this.tokens = 0;
    this.fields = 0;
    this.docFirst.fill(0);
    this.docLast.fill(0);
  }

  /** Drop the tokens of removed documents: the live ones are copied, in number order, to fresh arrays. */
  compact(documents: number): void {
    const fresh = new TokenStore();
    for (let n = 0; n < documents; n++) fresh.add(n, this.fieldsOf(n));
    Object.assign(this, fresh);
  }

  private attributeId(attribute: string): number {
    let id = this.attributeIds.get(attribute);
    if (id === undefined) {
      id = this.attributes.length;
      this.attributes.push(attribute);
      this.attributeIds.set(attribute, id);
    }
    return id;
  }
}
