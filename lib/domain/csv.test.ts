import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvRow } from './csv';

describe('CSV fields', () => {
  it('leaves plain text alone and writes empty for missing values', () => {
    expect(csvField('web-1 backup')).toBe('web-1 backup');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('turns anything a spreadsheet would run as a formula into text', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+31 20 555')).toBe("'+31 20 555");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Only a leading character counts.
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(' =x')).toBe(' =x');
  });
});

describe('CSV records', () => {
  it('joins fields with commas and ends each record with CRLF', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
    expect(csvDocument(['x', 'y'], [['1', '2'], ['3', '=4']])).toBe("x,y\r\n1,2\r\n3,'=4\r\n");
    expect(csvDocument(['x'], [])).toBe('x\r\n');
  });
});
