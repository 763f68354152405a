// Which addresses a webhook may reach. An alert's URL is typed by a team member, and the server
// sends to it: without this rule anyone in a team could make Lifeboat call its own host, the
// local network or a cloud's metadata service (169.254.169.254, fd00:ec2::254). Plain functions
// over address text; the sender resolves names and asks these about every address it would use.

type Range = { bytes: number[]; bits: number; why: string };

const v4 = (text: string, bits: number, why: string): Range => ({ bytes: text.split('.').map(Number), bits, why });

const PRIVATE_V4: Range[] = [
  v4('0.0.0.0', 8, 'this network'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared (carrier-grade NAT)'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local (cloud metadata lives here)'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'benchmarking'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

/** IPv6 ranges, as 16 bytes; those that carry an IPv4 address are checked through it instead. */
const PRIVATE_V6: Range[] = [
  { bytes: [], bits: 128, why: 'unspecified' }, // ::
  { bytes: [...Array(15).fill(0), 1], bits: 128, why: 'loopback' }, // ::1
  { bytes: [1, 0], bits: 64, why: 'discard' }, // 100::/64
  { bytes: [0x20, 0x01, 0x0d, 0xb8], bits: 32, why: 'documentation' }, // 2001:db8::/32
  { bytes: [0xfc], bits: 7, why: 'unique-local (private)' }, // fc00::/7
  { bytes: [0xfe, 0x80], bits: 10, why: 'link-local' }, // fe80::/10
  { bytes: [0xfe, 0xc0], bits: 10, why: 'site-local' }, // fec0::/10
  { bytes: [0xff], bits: 8, why: 'multicast' }, // ff00::/8
];

function inRange(bytes: number[], range: Range): boolean {
  for (let bit = 0; bit < range.bits; bit += 8) {
    const left = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - left)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((range.bytes[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** 16 bytes of an IPv6 address in any of its written forms (a zone id is refused), else null. */
export function parseIPv6(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  let hex = text;
  if (text.includes('.')) {
    // A dotted IPv4 tail (::ffff:127.0.0.1) is the last two groups written another way.
    const cut = text.lastIndexOf(':');
    const four = parseIPv4(text.slice(cut + 1));
    if (!four) return null;
    hex = `${text.slice(0, cut + 1)}${((four[0] << 8) | four[1]).toString(16)}:${((four[2] << 8) | four[3]).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (![...left, ...right].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const words = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right].map((g) => parseInt(g, 16));
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** The IPv4 address an IPv6 one stands for: mapped (::ffff:a.b.c.d), compatible, NAT64, 6to4. */
function embeddedIPv4(b: number[]): number[] | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12);
  if (zeros(0, 12) && !(zeros(12, 15) && b[15] <= 1)) return b.slice(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12);
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return null;
}

/**
 * Why an address is not on the public internet ("loopback", "private", …), or null when it is.
 * Text that is no address at all is refused too.
 */
export function privateReason(address: string): string | null {
  const four = parseIPv4(address);
  if (four) return PRIVATE_V4.find((r) => inRange(four, r))?.why ?? null;
  const six = parseIPv6(address.replace(/^\[|\]$/g, ''));
  if (!six) return 'not an IP address';
  const inner = embeddedIPv4(six);
  if (inner) return PRIVATE_V4.find((r) => inRange(inner, r))?.why ?? null;
  return PRIVATE_V6.find((r) => inRange(six, r))?.why ?? null;
}

/** A webhook URL's problem in words, or null: http(s) only, no credentials in it. */
export function webhookUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL, like https://hooks.example.com/lifeboat.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http:// or https:// URL.';
  if (url.username || url.password) return 'Leave user names and passwords out of the URL.';
  if (!url.hostname) return 'Enter a full URL, like https://hooks.example.com/lifeboat.';
  return null;
}

/** The host of a URL as an address to check when it is written as one, else null (a name). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return parseIPv4(bare) || parseIPv6(bare) ? bare : null;
}
