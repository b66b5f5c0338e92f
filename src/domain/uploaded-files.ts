/**
 * Files people upload (an evidence item's PDF, a receipt photo): recognised by their first bytes,
 * never by their name or the browser's word, and given a name that is safe to store and send back.
 * Pure, so that every upload is read the same way.
 */

/**
 * A file as a form sent it, already streamed into a kept folder under `key` (never held whole in
 * memory): the name the browser gave, its size, and its first bytes to tell what it is. `key` is
 * null when the upload stopped at its limit (nothing was kept); its size then reads as over it.
 */
export interface KeptUpload {
  key: string | null;
  name: string;
  size: number;
  head: Uint8Array;
}

/** The files Lotta takes, recognised by their first bytes. SVG is not among them: it carries script. */
const fileSignatures: readonly { type: string; matches: (b: Uint8Array) => boolean }[] = [
  { type: 'application/pdf', matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { type: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    type: 'image/gif',
    matches: (b) =>
      startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61,
  },
  {
    type: 'image/webp',
    matches: (b) =>
      startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** The media type of a PDF or image, read from its content; null for anything else. */
export function uploadedFileType(bytes: Uint8Array): string | null {
  return fileSignatures.find((s) => s.matches(bytes))?.type ?? null;
}

/** What the file inputs offer to choose (the server still reads the content). */
export const pdfOrImageAccept =
  'application/pdf,image/png,image/jpeg,image/gif,image/webp,.pdf,.png,.jpg,.jpeg,.gif,.webp';

/**
 * A file name as it may be stored and sent back in a header: no folders, no control characters,
 * at most 200 characters (keeping the end, where the extension is).
 */
export function cleanUploadedFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = last.replace(/[\u0000-\u001f\u007f-\u009f"]/g, '').trim();
  return clean.slice(-200) || 'file';
}
