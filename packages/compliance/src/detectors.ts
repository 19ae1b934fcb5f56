/**
 * Personal information a pattern cannot describe: mainland mobile numbers, resident ID numbers
 * (GB 11643 checksum and a real birth date), bank card numbers (Luhn) and exact home addresses
 * (building + unit + room). They run on the text folded one code unit to one (full-width digits
 * read as digits), so offsets are the original's. Masked numbers (138****1234, 尾号1234) never
 * match: a masked number is not a full number. All regular expressions here are linear (no nested
 * repetition).
 */
import type { Detector } from './types.ts';

export interface DetectorHit {
  start: number;
  end: number;
}

const SEP = '[ \\-]?';

/** 11-digit mobile numbers (optionally +86), digits optionally grouped by a space or hyphen. */
const PHONE = new RegExp(`(?<![0-9])(?:\\+?86${SEP})?1${SEP}[3-9](?:${SEP}[0-9]){9}(?![0-9])`, 'g');

/** 18-character resident ID numbers (6 + 8 + 3 + check), groups optionally spaced. */
const ID18 =
  /(?<![0-9a-z])[1-9][0-9]{5} ?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]) ?[0-9]{3}[0-9x](?![0-9a-z])/gi;

/** 16–19 digits, optionally in groups of four. */
const CARD = /(?<![0-9])(?:[0-9]{4}[ -]?){3}[0-9]{4}(?:[ -]?[0-9]{1,3})?(?![0-9])/g;

const NUM = '(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})';
/** Building + (unit) + room: 3栋2单元501, 12号楼1203室, 7幢502. */
const ADDRESS_BUILDING = new RegExp(
  `(?<![0-9])${NUM} ?(?:栋|幢|号楼|座)(?: ?${NUM} ?单元)? ?[0-9]{3,4}(?![0-9]) ?(?:室|号|房|户)?`,
  'g',
);
/** 3-2-501 style: building-unit-room, with a room word after it or an estate word before it. */
const ADDRESS_DASHED =
  /(?<=(?:小区|花园|家园|公寓|苑|园|府|城|村|里|庭|邸|湾|大厦|宿舍) ?)[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4}(?![0-9])|(?<![0-9-])[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4} ?(?:室|号|房)/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character and a birth date that exists. */
export function validIdNumber(id: string): boolean {
  const s = id.replace(/ /g, '').toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== s[17]) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

/** The Luhn check of card numbers. */
export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function all(re: RegExp, text: string, keep: (m: string) => boolean = () => true): DetectorHit[] {
  const out: DetectorHit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (keep(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Hits of one detector in `folded` (the text folded one code unit to one). */
export function detect(detector: Detector, folded: string): DetectorHit[] {
  switch (detector) {
    case 'phone':
      if (!/1[ -]?[3-9]/.test(folded)) return [];
      return all(PHONE, folded);
    case 'id_card':
      return all(ID18, folded, validIdNumber);
    case 'bank_card':
      return all(CARD, folded, (m) => {
        const d = m.replace(/[ -]/g, '');
        return d.length >= 16 && d.length <= 19 && luhn(d) && !validIdNumber(d);
      });
    case 'address': {
      const hits = [...all(ADDRESS_BUILDING, folded), ...all(ADDRESS_DASHED, folded)];
      return hits.sort((a, b) => a.start - b.start);
    }
  }
}
