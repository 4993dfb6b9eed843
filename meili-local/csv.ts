/**
 * CSV document payloads (`Content-Type: text/csv`), read as Meilisearch does: the first record names the
 * fields, each optionally typed `name:string`, `name:number` or `name:boolean` (untyped is string); an
 * empty cell is null; RFC 4180 quoting; the delimiter is `,` unless `csvDelimiter` says otherwise.
 */
import { errors } from './errors.ts';

function records(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function parseCsv(text: string, delimiter = ','): Record<string, unknown>[] {
  const [header, ...rows] = records(text.replace(/^\uFEFF/, ''), delimiter);
  if (!header) return [];
  const columns = header.map((name) => {
    const colon = name.lastIndexOf(':');
    const type = colon < 0 ? '' : name.slice(colon + 1);
    if (type === 'string' || type === 'number' || type === 'boolean')
      return { name: name.slice(0, colon), type };
    return { name, type: 'string' };
  });
  return rows.map((row, r) => {
    const doc: Record<string, unknown> = {};
    columns.forEach(({ name, type }, c) => {
      const cell = row[c] ?? '';
      if (cell === '') doc[name] = null;
      else if (type === 'number') {
        const n = Number(cell.trim());
        if (cell.trim() === '' || Number.isNaN(n))
          throw errors.malformedPayload(
            `The \`csv\` payload provided is malformed: \`Error parsing number "${cell}" at line ${r + 1}: invalid float literal\`.`,
          );
        doc[name] = n;
      } else if (type === 'boolean') {
        const b = cell.trim();
        if (b !== 'true' && b !== 'false')
          throw errors.malformedPayload(
            `The \`csv\` payload provided is malformed: \`Error parsing boolean "${cell}" at line ${r + 1}: provided string was not \`true\` or \`false\`\`.`,
          );
        doc[name] = b === 'true';
      } else doc[name] = cell;
    });
    return doc;
  });
}
