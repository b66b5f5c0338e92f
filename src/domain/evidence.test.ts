/** The rules of evidence items and experts, and how a file's type is read from its bytes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidenceFileRefusal, evidenceRefusals, expertRefusals, isWebLink } from './evidence.ts';
import { cleanUploadedFileName, uploadedFileType } from './uploaded-files.ts';

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0, 0, 0, 0, 0]);
const ascii = (text: string) => new TextEncoder().encode(text);

test('a file is a PDF or an image by its first bytes, whatever its name says', () => {
  assert.equal(uploadedFileType(ascii('%PDF-1.4\n')), 'application/pdf');
  assert.equal(uploadedFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'image/png');
  assert.equal(uploadedFileType(bytes(0xff, 0xd8, 0xff, 0xe0)), 'image/jpeg');
  assert.equal(uploadedFileType(ascii('GIF89a....')), 'image/gif');
  assert.equal(uploadedFileType(ascii('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')), 'image/webp');
  assert.equal(uploadedFileType(ascii('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')), null, 'a sound file');
  assert.equal(uploadedFileType(bytes(0x4d, 0x5a, 0x90)), null, 'a Windows program');
  assert.equal(uploadedFileType(ascii('<svg onload="alert(1)"/>')), null, 'SVG carries script');
  assert.equal(uploadedFileType(ascii('<html>%PDF-')), null, 'the signature must come first');
  assert.equal(uploadedFileType(new Uint8Array(0)), null);
});

test('a file over the limit is refused with the limit in megabytes', () => {
  const file = { key: 'k', name: 'a.pdf', size: 11, head: ascii('%PDF-') };
  assert.deepEqual(evidenceFileRefusal(file, 10), {
    code: 'evidence_file_too_large',
    field: 'file',
    params: { mb: 0.00001 },
  });
  assert.equal(evidenceFileRefusal(file, 11), null);
});

test('links are web addresses only', () => {
  assert.ok(isWebLink('https://example.se/a.pdf'));
  assert.ok(isWebLink('http://example.se'));
  for (const link of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'ftp://x.se',
    '//example.se',
    'example.se',
    'http://',
  ])
    assert.equal(isWebLink(link), false, link);
});

test('an evidence item needs a title; its texts keep their limits and its date is a calendar date', () => {
  const item = {
    title: 'T',
    summary: 'line one\nline two',
    source: '',
    publishedOn: '2024-02-29',
    perspective: '',
    language: '',
    easyRead: '',
    link: '',
  };
  assert.deepEqual(evidenceRefusals(item), []);
  assert.deepEqual(
    evidenceRefusals({ ...item, title: ' ', source: 'a\u0007b', publishedOn: '2023-02-29' }).map((r) => [
      r.field,
      r.code,
    ]),
    [
      ['title', 'required'],
      ['source', 'control_characters'],
      ['published_on', 'date_invalid'],
    ],
  );
  assert.deepEqual(evidenceRefusals({ ...item, title: 'x'.repeat(301) })[0], {
    code: 'too_long',
    field: 'title',
    params: { max: 300 },
  });
});

test('an expert declares interests or ticks "none declared", never neither nor both', () => {
  const expert = { name: 'A', organisation: '', topic: '', interests: '', noneDeclared: false, email: '' };
  assert.deepEqual(
    expertRefusals(expert).map((r) => r.code),
    ['interests_required'],
  );
  assert.deepEqual(
    expertRefusals({ ...expert, interests: ' \n ' }).map((r) => r.code),
    ['interests_required'],
  );
  assert.deepEqual(expertRefusals({ ...expert, noneDeclared: true }), []);
  assert.deepEqual(expertRefusals({ ...expert, interests: 'Board member' }), []);
  assert.deepEqual(
    expertRefusals({ ...expert, interests: 'Board member', noneDeclared: true }).map((r) => r.code),
    ['interests_both'],
  );
});

test('a file name loses its folders, control characters and quotes', () => {
  assert.equal(cleanUploadedFileName('C:\\Users\\x\\re"port\u0000.pdf'), 'report.pdf');
  assert.equal(cleanUploadedFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanUploadedFileName('///'), 'file');
});
