import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  decimalNumber,
  illFormedFields,
  isLabelText,
  isProseText,
  isWellFormedText,
  labelText,
  parsePlainNumber,
  proseText,
  wholeNumber,
} from './text';

describe('well-formed text', () => {
  it('accepts any real text, including astral characters and joined emoji', () => {
    for (const s of ['', 'web-1', 'café', '日本語', '😀', '👩‍💻', 'a\u00a0b', 'ﬁ', 'Ω≈ç√', '\ud83d\ude00'])
      expect(isWellFormedText(s), JSON.stringify(s)).toBe(true);
  });

  it('refuses lone surrogates anywhere, reversed pairs and NUL', () => {
    for (const s of ['\ud800', '\udfff', 'a\ud800', '\udc00a', 'a\ud83db', '\ude00\ud83d', 'x\u0000y', '\u0000'])
      expect(isWellFormedText(s), JSON.stringify(s)).toBe(false);
  });

  it('finds every top-level field holding ill-formed text, however deep, and ill-formed keys', () => {
    expect(
      illFormedFields({ a: 'ok', b: 'bad\ud800', c: ['ok', 'x\udc00'], d: { e: { f: '\u0000' } }, g: 7, h: null }),
    ).toEqual(['b', 'c', 'd']);
    expect(illFormedFields({ ['k\ud800']: 'v' })).toEqual(['k\ud800']);
    expect(illFormedFields({ a: 'fine', n: 1, t: true })).toEqual([]);
    expect(illFormedFields(null)).toEqual([]);
    expect(illFormedFields('\ud800')).toEqual([]);
    const file = new Blob(['\ud800']);
    expect(illFormedFields({ file })).toEqual([]);
  });
});

describe('labels and prose', () => {
  it('keeps control characters, separators and bidi overrides out of one-line labels', () => {
    for (const s of [
      'a\nb',
      'a\rb',
      'a\tb',
      '\u0007',
      '\u001b[31m',
      '\u007f',
      '\u0085',
      'a\u2028b',
      'a\u2029b',
      'evil\u202etxt.exe',
      '\u2066x\u2069',
      'x\ud800',
    ]) {
      expect(isLabelText(s), JSON.stringify(s)).toBe(false);
    }
    for (const s of ['Nightly web-1', "O'Brien", 'Zoë', '東京 team', '👩‍💻 ops'])
      expect(isLabelText(s), JSON.stringify(s)).toBe(true);
  });

  it('lets prose have line breaks and tabs, nothing else of the kind', () => {
    expect(isProseText('line one\r\nline two\n\tindented')).toBe(true);
    for (const s of ['bell\u0007', 'esc\u001b', '\u000b', '\u000c', 'del\u007f', '\u202e', 'x\ud800'])
      expect(isProseText(s), JSON.stringify(s)).toBe(false);
  });

  it('gives the field a clear message through the schema helpers', () => {
    expect(labelText().safeParse('  Web 1  ')).toMatchObject({ success: true, data: 'Web 1' });
    expect(labelText().safeParse('a\nb').error?.issues[0].message).toMatch(/printable characters/);
    expect(proseText().safeParse('a\u0007').error?.issues[0].message).toMatch(/control characters/);
    expect(proseText().safeParse('  kept as typed\n')).toMatchObject({ success: true, data: '  kept as typed\n' });
  });
});

describe('plain numbers', () => {
  const whole = wholeNumber({
    min: 0,
    max: 10_000,
    message: 'Enter a whole number.',
    minMessage: 'Too small.',
    maxMessage: 'Too big.',
  });
  const decimal = decimalNumber({ min: 0.1, max: 100, message: 'Enter a number.' });
  const ok = (schema: z.ZodType, v: unknown) => schema.safeParse(v);

  it('reads plain digits, and numbers given as numbers', () => {
    expect(parsePlainNumber('0')).toBe(0);
    expect(parsePlainNumber('25')).toBe(25);
    expect(parsePlainNumber('007')).toBe(7);
    expect(parsePlainNumber('-3')).toBe(-3);
    expect(parsePlainNumber(12)).toBe(12);
    expect(parsePlainNumber('2.5', true)).toBe(2.5);
    expect(parsePlainNumber('.5', true)).toBe(0.5);
    expect(parsePlainNumber(0.25, true)).toBe(0.25);
    expect(ok(whole, '42')).toMatchObject({ success: true, data: 42 });
    expect(ok(decimal, '6.5')).toMatchObject({ success: true, data: 6.5 });
  });

  const odd = [
    '0x10',
    '0X10',
    '0b101',
    '0o17',
    '1e3',
    '1E3',
    '2.5e1',
    '  7 ',
    ' 7',
    '7 ',
    '\t7',
    '7\n',
    '+7',
    '--7',
    '7-',
    '',
    ' ',
    'Infinity',
    '-Infinity',
    'NaN',
    '7,5',
    '7_000',
    '1 000',
    '٧',
    '７',
    '7px',
    'seven',
    '.',
    '-',
    '1.',
    '1..2',
    '0.1.2',
  ];

  it.each(odd)('refuses %j as a whole number and as a decimal, with the message', (v) => {
    expect(Number.isNaN(parsePlainNumber(v))).toBe(true);
    expect(Number.isNaN(parsePlainNumber(v, true))).toBe(true);
    expect(ok(whole, v).error?.issues[0].message).toBe('Enter a whole number.');
    expect(ok(decimal, v).error?.issues[0].message).toBe('Enter a number.');
  });

  it('refuses a point, and non-numbers, where a whole number is asked', () => {
    for (const v of [
      '7.0',
      '7.5',
      '.5',
      7.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      undefined,
      true,
      [],
      {},
      ['7'],
    ]) {
      expect(ok(whole, v).error?.issues[0].message, JSON.stringify(v)).toBe('Enter a whole number.');
    }
  });

  it('says which bound a plain number breaks', () => {
    expect(ok(whole, '-1').error?.issues[0].message).toBe('Too small.');
    expect(ok(whole, '10001').error?.issues[0].message).toBe('Too big.');
    expect(ok(whole, '99999999999999999999').error?.issues[0].message).toBe('Too big.');
    expect(ok(decimal, '0.05').error?.issues[0].message).toBe('Enter a number.');
  });

  it('leaves an absent optional field absent', () => {
    expect(whole.optional().safeParse(undefined)).toMatchObject({ success: true, data: undefined });
    expect(z.object({ n: whole.optional() }).parse({})).toEqual({});
  });
});
