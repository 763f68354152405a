import { describe, expect, it } from 'vitest';
import { literalAddress, parseIPv6, privateReason, webhookUrlProblem } from './addresses';

describe('webhook target addresses', () => {
  it('refuses loopback, private, link-local, shared and reserved IPv4 addresses', () => {
    for (const [address, why] of [
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['169.254.169.254', 'link-local (cloud metadata lives here)'],
      ['100.64.0.1', 'shared (carrier-grade NAT)'],
      ['0.0.0.0', 'this network'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['192.0.2.10', 'documentation'],
    ])
      expect(privateReason(address), address).toBe(why);
  });

  it('lets public IPv4 addresses through, right next to the private ranges', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.15.255.255',
      '172.32.0.0',
      '11.0.0.0',
      '169.253.255.255',
      '100.128.0.0',
    ])
      expect(privateReason(address), address).toBeNull();
  });

  it('refuses IPv6 loopback, unique-local, link-local, multicast and the cloud metadata address', () => {
    for (const [address, why] of [
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fd00:ec2::254', 'unique-local (private)'],
      ['fc00::1', 'unique-local (private)'],
      ['fe80::1', 'link-local'],
      ['febf:ffff::1', 'link-local'],
      ['ff02::1', 'multicast'],
      ['2001:db8::1', 'documentation'],
      ['[::1]', 'loopback'],
    ])
      expect(privateReason(address), address).toBe(why);
  });

  it('sees through IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4)', () => {
    expect(privateReason('::ffff:127.0.0.1')).toBe('loopback');
    expect(privateReason('::ffff:7f00:1')).toBe('loopback');
    expect(privateReason('::ffff:a9fe:a9fe')).toBe('link-local (cloud metadata lives here)');
    expect(privateReason('64:ff9b::10.0.0.1')).toBe('private');
    expect(privateReason('2002:c0a8:0101::1')).toBe('private');
    expect(privateReason('::ffff:8.8.8.8')).toBeNull();
  });

  it('lets public IPv6 addresses through', () => {
    for (const address of ['2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '2000::1'])
      expect(privateReason(address), address).toBeNull();
  });

  it('parses every written form of an IPv6 address and refuses what is not one', () => {
    expect(parseIPv6('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(parseIPv6('1::')).toEqual([0, 1, ...Array(14).fill(0)]);
    for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', '12345::', 'g::1', '1:2:3:4:5:6:7'])
      expect(parseIPv6(bad), bad).toBeNull();
    expect(privateReason('example.com')).toBe('not an IP address');
  });

  it('tells an address written in a URL from a name', () => {
    expect(literalAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(literalAddress('[::1]')).toBe('::1');
    expect(literalAddress('hooks.example.com')).toBeNull();
  });

  it('takes only http(s) URLs without credentials', () => {
    expect(webhookUrlProblem('https://hooks.example.com/x')).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com/x')).toBe('Use an http:// or https:// URL.');
    expect(webhookUrlProblem('file:///etc/passwd')).toBe('Use an http:// or https:// URL.');
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/')).toMatch(/Leave user names/);
    expect(webhookUrlProblem('hooks.example.com')).toMatch(/Enter a full URL/);
  });
});
