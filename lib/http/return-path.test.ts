import { describe, expect, it } from 'vitest';
import { returnPath } from './return-path';

const ORIGIN = 'https://lifeboat.example.com';

describe('returnPath', () => {
  it('keeps paths of this app with their query and fragment', () => {
    expect(returnPath('/instances?q=db')).toBe('/instances?q=db');
    expect(returnPath('/instances?q=db', ORIGIN)).toBe('/instances?q=db');
    expect(returnPath('/images/abc#backups', ORIGIN)).toBe('/images/abc#backups');
    expect(returnPath('/', ORIGIN)).toBe('/');
    expect(returnPath('/settings')).toBe('/settings');
    // A relative value resolves under the origin's root.
    expect(returnPath('instances', ORIGIN)).toBe('/instances');
    // An absolute address of the app itself becomes its path.
    expect(returnPath('https://lifeboat.example.com/audit?page=2', ORIGIN)).toBe('/audit?page=2');
  });

  it.each([
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['\\\\evil.example'],
    ['\\/evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example/'],
    ['\t//evil.example'],
    [' //evil.example'],
    ['\u0000//evil.example'],
    ['\u001f//evil.example'],
    ['https://evil.example/instances'],
    ['http://lifeboat.example.com/instances'], // another scheme is another origin
    ['https://lifeboat.example.com.evil.example/'],
    ['https://lifeboat.example.com@evil.example/'],
    ['ftp:evil.example'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['ftp://evil.example'],
    ['///evil.example'],
    ['/\\/evil.example'],
  ])('sends %j to / (it leaves the app)', (value) => {
    expect(returnPath(value, ORIGIN)).toBe('/');
  });

  it('never returns a value a browser would read as another host', () => {
    // These resolve to a path that starts with two slashes; only one is kept.
    expect(returnPath('/.//evil.example', ORIGIN)).toBe('/evil.example');
    expect(returnPath('/..//evil.example/x', ORIGIN)).toBe('/evil.example/x');
    expect(returnPath('https://lifeboat.example.com//evil.example', ORIGIN)).toBe('/evil.example');
    expect(returnPath('/a/../..//evil.example', ORIGIN)).toBe('/evil.example');
  });

  it('reads "scheme:host" as a browser does: a path on the same scheme, another host on another', () => {
    // On an https origin "https:x" is relative (the path /x); on an http one it is https://x/.
    expect(returnPath('https:evil.example', ORIGIN)).toBe('/evil.example');
    expect(returnPath('https:evil.example', 'http://lifeboat.example.com')).toBe('/');
    expect(returnPath('https:evil.example')).toBe('/');
  });

  it('keeps encoded forms encoded: they stay paths of this app', () => {
    expect(returnPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
    expect(returnPath('/%5Cevil.example', ORIGIN)).toBe('/%5Cevil.example');
    expect(returnPath('%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
  });

  it('returns no control character, line break or backslash, so it is safe in a Location header', () => {
    const samples = ['/a\r\nSet-Cookie: x=1', '/a\u0000b', '/a\u0007b\u007f', '/a\\b', '/a b', '/ü?q=ä#ö', '/a\u2028b'];
    for (const value of samples) {
      const path = returnPath(value, ORIGIN);
      expect(path).toMatch(/^\/(?!\/)/);
      expect(path).not.toMatch(/[\u0000-\u001f\u007f\\\s]/);
    }
    expect(returnPath('/a\r\nSet-Cookie: x=1', ORIGIN)).toBe('/aSet-Cookie:%20x=1');
  });

  it('takes the first of several values and refuses what is not a string', () => {
    expect(returnPath(['/images', '//evil.example'], ORIGIN)).toBe('/images');
    expect(returnPath(['//evil.example', '/images'], ORIGIN)).toBe('/');
    expect(returnPath(undefined)).toBe('/');
    expect(returnPath('')).toBe('/');
    expect(returnPath(42)).toBe('/');
    expect(returnPath({ toString: () => '/images' })).toBe('/');
    expect(returnPath(`/${'a'.repeat(3000)}`)).toBe('/');
  });

  it('falls back to a placeholder origin when the given one is not a URL', () => {
    expect(returnPath('/instances', 'not a url')).toBe('/instances');
    expect(returnPath('//evil.example', 'not a url')).toBe('/');
  });
});
