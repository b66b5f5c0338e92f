import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { countLineBreaks, decodeText, firstInvalidUtf8, readInputBytes } from './text-file.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('firstInvalidUtf8', () => {
  test('accepts well-formed text of every sequence length', () => {
    assert.equal(firstInvalidUtf8(utf8('a å € 𝄞')), -1);
  });
  test('points at the first byte of a bad sequence', () => {
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xe5, 0x62)), 1); // Latin-1 å
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xc3)), 1); // cut short at the end
    assert.equal(firstInvalidUtf8(bytes(0xe2, 0x82, 0x41)), 0); // cut short before ASCII
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xc0, 0xaf)), 1); // overlong "/"
    assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0); // a UTF-16 surrogate
    assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0); // above U+10FFFF
    assert.equal(firstInvalidUtf8(bytes(0x80)), 0); // a lone continuation byte
  });
});

describe('decodeText', () => {
  test('drops a UTF-8 BOM', () => {
    assert.equal(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61), 'a.txt'), 'a');
  });
  test('names the line and asks for UTF-8; the column comes from the caller', () => {
    const text = bytes(...utf8('id\r\n1\r\n2 '), 0xe4, 0x0a);
    assert.throws(() => decodeText(text, 'k.txt', (before) => (before.endsWith('2 ') ? 'id' : undefined)), {
      name: 'InputError',
      code: 'not-utf8',
      message: /^k\.txt, line 3, column "id": byte 0xE4 is not UTF-8 .*"ä".*Save the file as UTF-8/,
    });
  });
});

test('countLineBreaks counts CRLF, LF and a lone CR once each', () => {
  assert.equal(countLineBreaks('a\r\nb\nc\rd'), 3);
  assert.equal(countLineBreaks('abc'), 0);
});

describe('readInputBytes', () => {
  test('a file over 100 MB is refused before it is read, naming the limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lotta-io-text-'));
    try {
      const path = join(dir, 'huge.csv');
      await writeFile(path, 'id\n');
      await truncate(path, 100 * 1024 * 1024 + 1); // sparse: takes no room on disk
      const peak = process.resourceUsage().maxRSS / 1024;
      await assert.rejects(readInputBytes(path), {
        name: 'InputError',
        code: 'file-too-large',
        message: /huge\.csv: the file is larger than 100 MB, the most Lotta reads/,
      });
      assert.ok(process.resourceUsage().maxRSS / 1024 - peak < 50, 'nothing was read');
      await truncate(path, 100 * 1024 * 1024);
      assert.equal((await readInputBytes(path)).length, 100 * 1024 * 1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
