/**
 * The container of a saved training state (state.ts decides what goes in it):
 *   bytes 0..7    magic "GSSTATE\n"
 *   bytes 8..11   header length H (uint32, little-endian)
 *   bytes 12..    H bytes of UTF-8 JSON: the header, including `blobs`, each { name, dtype, offset, length }
 *   then          the blobs, each at a 4-byte-aligned offset (counted from the end of the header)
 * Blobs are raw float32 / int32 arrays in little-endian order, so values round-trip bit for bit
 * (a resumed run must continue exactly as an uninterrupted one). JSON for the small structured
 * rest keeps the format inspectable and versionable.
 */
const MAGIC = "GSSTATE\n";

export type Blob = Float32Array | Int32Array;
interface BlobEntry {
  name: string;
  dtype: "float32" | "int32";
  offset: number;
  length: number;
}

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function bytesOf(blob: Blob): Uint8Array {
  if (!littleEndian) throw new Error("state files are little-endian; this host is big-endian");
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
}

export function encodeState(header: Record<string, unknown>, blobs: Map<string, Blob>): Uint8Array {
  const entries: BlobEntry[] = [];
  let offset = 0;
  for (const [name, blob] of blobs) {
    entries.push({ name, dtype: blob instanceof Float32Array ? "float32" : "int32", offset, length: blob.length });
    offset += blob.byteLength; // 4-byte elements keep every offset aligned
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, blobs: entries }));
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, start - 12, true); // header length, padding included (spaces)
  out.fill(0x20, 12, start);
  out.set(json, 12);
  for (const [i, blob] of [...blobs.values()].entries()) out.set(bytesOf(blob), start + entries[i]!.offset);
  return out;
}

export function decodeState(bytes: Uint8Array): { header: Record<string, unknown>; blobs: Map<string, Blob> } {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error("not a Grokscope training state (bad magic bytes)");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const start = 12 + headerLength;
  if (start > bytes.length) throw new Error("truncated training state (header runs past the end)");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, start))) as Record<string, unknown> & { blobs?: BlobEntry[] };
  const blobs = new Map<string, Blob>();
  for (const e of header.blobs ?? []) {
    const begin = start + e.offset;
    const end = begin + e.length * 4;
    if (end > bytes.length) throw new Error(`truncated training state (blob ${e.name})`);
    // Copy into a fresh aligned buffer: the input may sit at any byte offset.
    const raw = bytes.slice(begin, end).buffer;
    blobs.set(e.name, e.dtype === "int32" ? new Int32Array(raw) : new Float32Array(raw));
  }
  delete header.blobs;
  return { header, blobs };
}
