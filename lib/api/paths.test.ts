import { describe, expect, it } from 'vitest';
import { compilePath, queryObject } from './paths';

describe('compilePath', () => {
  const deploy = compilePath('/images/{imageId}/deploy');
  it('matches the template and decodes its parameters', () => {
    expect(deploy('/images/abc/deploy')).toEqual({ imageId: 'abc' });
    expect(deploy('/images/a%20b/deploy/')).toEqual({ imageId: 'a b' });
  });
  it('refuses other paths, empty or extra segments, and segments that do not decode', () => {
    expect(deploy('/images//deploy')).toBeNull();
    expect(deploy('/images/a/b/deploy')).toBeNull();
    expect(deploy('/images/a/deployx')).toBeNull();
    expect(deploy('/images/%zz/deploy')).toBeNull();
  });
  it('matches a template without parameters exactly', () => {
    const list = compilePath('/images');
    expect(list('/images')).toEqual({});
    expect(list('/imagesx')).toBeNull();
  });
});

describe('queryObject', () => {
  it('keeps one value as a string and several as an array', () => {
    expect(queryObject(new URLSearchParams('q=web&sort=label&tag=a&tag=b'))).toEqual({
      q: 'web',
      sort: 'label',
      tag: ['a', 'b'],
    });
  });
});
