/**
 * Reads back the text an exported PNG carries about itself (png.ts writes Title, Description,
 * Software as iTXt): keyword → text, from tEXt (latin-1) and uncompressed iTXt (UTF-8) chunks.
 * Pure, no DOM: the unit tests and the browser tests read exported files with it.
 */
export function readPngText(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.length < 8 || view.getUint32(0) !== 0x89504e47) throw new Error('not a PNG');
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = latin1.decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IEND') break;
    if (type === 'tEXt' || type === 'iTXt') {
      const end = data.indexOf(0);
      const key = latin1.decode(data.subarray(0, end));
      if (type === 'tEXt') out[key] = latin1.decode(data.subarray(end + 1));
      else if (data[end + 1] === 0) {
        // compression flag 0, method, language tag \0, translated keyword \0, then the text.
        const language = data.indexOf(0, end + 3);
        const translated = data.indexOf(0, language + 1);
        out[key] = utf8.decode(data.subarray(translated + 1));
      }
    }
    at += 12 + length;
  }
  return out;
}
