// What the fake account offers and who owns it: fixed data, shaped as the API sends it. Prices
// are Linode's list prices, so cost maths in Lifeboat sees realistic numbers.

export const REGIONS = [
  {
    id: 'us-east',
    label: 'Newark, NJ',
    country: 'us',
    status: 'ok',
    site_type: 'core',
    capabilities: ['Linodes', 'Backups', 'NodeBalancers', 'Block Storage', 'Object Storage'],
    resolvers: { ipv4: '66.228.42.5,96.126.106.5', ipv6: '2600:3c03::5' },
    placement_group_limits: { maximum_linodes_per_pg: 5, maximum_pgs_per_customer: null },
  },
  {
    id: 'eu-west',
    label: 'London, UK',
    country: 'gb',
    status: 'ok',
    site_type: 'core',
    capabilities: ['Linodes', 'Backups', 'NodeBalancers', 'Block Storage'],
    resolvers: { ipv4: '178.79.182.5,176.58.107.5', ipv6: '2a01:7e00::5' },
    placement_group_limits: { maximum_linodes_per_pg: 5, maximum_pgs_per_customer: null },
  },
] as const;

type TypeSpec = {
  id: string;
  label: string;
  cls: 'nanode' | 'standard';
  disk: number;
  memory: number;
  vcpus: number;
  transfer: number;
  monthly: number;
  backups: number;
};

function linodeType(t: TypeSpec) {
  const hourly = (monthly: number) => Math.round((monthly / 730) * 10_000) / 10_000;
  return {
    id: t.id,
    label: t.label,
    class: t.cls,
    disk: t.disk,
    memory: t.memory,
    vcpus: t.vcpus,
    gpus: 0,
    transfer: t.transfer,
    network_out: t.vcpus > 1 ? 2000 : 1000,
    successor: null,
    price: { hourly: hourly(t.monthly), monthly: t.monthly },
    region_prices: [],
    addons: { backups: { price: { hourly: hourly(t.backups), monthly: t.backups }, region_prices: [] } },
  };
}

// Sizes in MB, as the API gives them.
export const TYPES = [
  linodeType({
    id: 'g6-nanode-1',
    label: 'Nanode 1GB',
    cls: 'nanode',
    disk: 25_600,
    memory: 1024,
    vcpus: 1,
    transfer: 1000,
    monthly: 5,
    backups: 2,
  }),
  linodeType({
    id: 'g6-standard-1',
    label: 'Linode 2GB',
    cls: 'standard',
    disk: 51_200,
    memory: 2048,
    vcpus: 1,
    transfer: 2000,
    monthly: 12,
    backups: 2.5,
  }),
  linodeType({
    id: 'g6-standard-2',
    label: 'Linode 4GB',
    cls: 'standard',
    disk: 81_920,
    memory: 4096,
    vcpus: 2,
    transfer: 4000,
    monthly: 24,
    backups: 5,
  }),
];

export type LinodeTypeBody = (typeof TYPES)[number];

export function findType(id: unknown): LinodeTypeBody | undefined {
  return TYPES.find((t) => t.id === id);
}

export function profile(username: string) {
  return {
    uid: 1_234_567,
    username,
    email: `${username}@example.com`,
    restricted: false,
    timezone: 'UTC',
    authentication_type: 'password',
    authorized_keys: null,
    email_notifications: true,
    ip_whitelist_enabled: false,
    lish_auth_method: 'password_keys',
    two_factor_auth: false,
    verified_phone_number: null,
    referrals: {
      code: 'abc123',
      url: 'https://www.linode.com/?r=abc123',
      total: 0,
      completed: 0,
      pending: 0,
      credit: 0,
    },
  };
}

/** Linode's ceiling on a private image's size (data captured from the disk), in MB. */
export const IMAGE_LIMIT_MB = 6144;

/** The public image deploys can start from without capturing anything first. */
export const PUBLIC_IMAGE = {
  id: 'linode/debian12',
  label: 'Debian 12',
  description: null,
  size: 1_300,
  total_size: 1_300,
  status: 'available',
  created: '2023-06-12T15:52:08',
  updated: '2023-06-12T15:52:08',
  created_by: 'linode',
  type: 'manual',
  is_public: true,
  deprecated: false,
  vendor: 'Debian',
  eol: '2028-06-30T04:00:00',
  expiry: null,
  capabilities: ['cloud-init'],
  tags: [],
  regions: [],
} as const;
