// Bytes to text for vCards: quoted-printable, the CHARSETs 2.1 exports use, and whole files whose folds split a character.
//
// Core may not import iconv-lite, and Node 20's TextDecoder('windows-1252') maps 0x80–0x9F to C1 controls
// (nodejs/node#60888, see /work/shared/INTEROP.md), so Windows-1252 is decoded here by the WHATWG table.

/** WHATWG windows-1252 for 0x80–0x9F (the rest is Latin-1). 0 marks the five unassigned bytes, kept as-is. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
  return out;
}

function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes bytes in a vCard CHARSET; null when the charset is not one Kith knows. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  switch (charset.trim().toLowerCase().replace(/_/g, '-')) {
    case 'utf-8':
    case 'utf8':
      // Outlook sometimes says UTF-8 and writes Windows-1252: fall back rather than lose the value.
      return decodeUtf8(bytes) ?? decodeWindows1252(bytes);
    case 'us-ascii':
    case 'ascii':
    case 'windows-1252':
    case 'cp1252':
      return decodeWindows1252(bytes);
    case 'iso-8859-1':
    case 'latin1':
    case 'latin-1':
      return decodeLatin1(bytes);
    default:
      return null;
  }
}

const encoder = new TextEncoder();

/** Quoted-printable to bytes; soft line breaks are already joined by the line reader. Bad escapes stay literal. */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c.charCodeAt(0) < 0x80) bytes.push(c.charCodeAt(0));
    else bytes.push(...encoder.encode(c));
  }
  return Uint8Array.from(bytes);
}

/**
 * A vCard file's bytes as text: UTF-8 (BOM dropped) when it is valid; else, since Apple folds at 75 octets even
 * inside a multi-byte character, the folds are removed from the bytes and UTF-8 is tried again; else Windows-1252.
 */
export function decodeVCardBytes(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const direct = decodeUtf8(body);
  if (direct !== null) return direct;
  const unfolded: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b === 0x0d && body[i + 1] === 0x0a && (body[i + 2] === 0x20 || body[i + 2] === 0x09)) i += 2;
    else if (b === 0x0a && (body[i + 1] === 0x20 || body[i + 1] === 0x09)) i += 1;
    else unfolded.push(b);
  }
  const joined = Uint8Array.from(unfolded);
  return decodeUtf8(joined) ?? decodeWindows1252(body);
}
