import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvRow, isFormulaLike } from './csv';

/** Reads one CSV field back the way RFC 4180 does, to check what a spreadsheet receives. */
function unquote(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}

describe('CSV fields', () => {
  it('leaves plain text alone and writes empty for missing values', () => {
    expect(csvField('web-1 backup')).toBe('web-1 backup');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
    expect(csvField('ann@example.com')).toBe('ann@example.com');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('web-1 -> db')).toBe('web-1 -> db');
    expect(csvField('café Ω 日本')).toBe('café Ω 日本');
  });

  it('quotes commas, semicolons, tabs, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\rlines')).toBe('"two\rlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('x;=1+1')).toBe('"x;=1+1"');
  });

  it('turns anything a spreadsheet would run as a formula into text', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+31 20 555')).toBe("'+31 20 555");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe(`"'\tcmd"`);
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField('\ncmd')).toBe(`"'\ncmd"`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField(' =x')).toBe("' =x");
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
  });

  // Every kind of "nothing" a spreadsheet may skip before the sign, and every form of the sign.
  const leaders = {
    none: '',
    space: ' ',
    spaces: '   ',
    'no-break space': '\u00a0',
    'narrow no-break space': '\u202f',
    'ideographic space': '\u3000',
    'en quad..hair space': '\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a',
    'medium math space': '\u205f',
    'ogham space': '\u1680',
    'line/paragraph separator': '\u2028\u2029',
    'zero-width space': '\u200b',
    'zero-width non-joiner': '\u200c',
    'zero-width joiner': '\u200d',
    'word joiner': '\u2060',
    'byte order mark': '\ufeff',
    'soft hyphen': '\u00ad',
    'bidi marks': '\u200e\u200f\u202a\u202e\u2066\u2069',
    'control characters': '\u0000\u0001\u001f\u007f\u0085',
    'vertical tab and form feed': '\u000b\u000c',
    mixed: ' \u00a0\u200b\ufeff\u3000 ',
  };
  const signs = [
    '=',
    '+',
    '-',
    '@',
    '\uff1d',
    '\uff0b',
    '\uff0d',
    '\uff20',
    '\ufe66',
    '\ufe62',
    '\ufe63',
    '\ufe6b',
    '\u2212',
  ];
  const bodies = ['1+1', 'HYPERLINK("http://evil.example","x")', "cmd|' /C calc'!A0", 'SUM(A1:A9)'];

  it.each(Object.entries(leaders))('neutralises a formula after %s', (_, lead) => {
    for (const sign of signs) {
      for (const body of bodies) {
        const text = `${lead}${sign}${body}`;
        expect(isFormulaLike(text), JSON.stringify(text)).toBe(true);
        const field = csvField(text);
        // What the spreadsheet reads is the text with an apostrophe first: it shows as text.
        expect(unquote(field), JSON.stringify(text)).toBe(`'${text}`);
      }
    }
  });

  it('keeps text that only looks like nothing, or has a sign later on, as it is', () => {
    for (const lead of Object.values(leaders)) {
      const text = `${lead}web-1 = db`;
      if (/^[\t\r\n]/.test(text)) continue;
      expect(isFormulaLike(text), JSON.stringify(text)).toBe(false);
      expect(unquote(csvField(text))).toBe(text);
    }
    expect(isFormulaLike('a@b.example')).toBe(false);
    expect(isFormulaLike('x=1')).toBe(false);
  });

  it('never lets a field escape its cell', () => {
    for (const text of ['a","=1+1', 'a"\r\n=1+1,"', '";=1+1;"', '\t=1', 'x\r\n-1']) {
      const field = csvField(text);
      expect(field.startsWith('"') && field.endsWith('"')).toBe(true);
      expect(field.slice(1, -1).replaceAll('""', '')).not.toContain('"');
    }
  });
});

describe('CSV records', () => {
  it('joins fields with commas and ends each record with CRLF', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
    expect(csvRow(['a;b', '\u200b=1'])).toBe(`"a;b",'\u200b=1\r\n`);
    expect(
      csvDocument(
        ['x', 'y'],
        [
          ['1', '2'],
          ['3', '=4'],
        ],
      ),
    ).toBe("x,y\r\n1,2\r\n3,'=4\r\n");
    expect(csvDocument(['x'], [])).toBe('x\r\n');
  });
});
