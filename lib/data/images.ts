import 'server-only';
import { requireCaller } from '@/lib/auth/session';
import { can, readableTeamIds } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { allocatedCaptureNote, imageCountLabel, monthlyImageCost, planFitsImage, defaultImageLabel } from '@/lib/domain/images';
import { NotFoundError } from '@/lib/domain/errors';
import { descriptorOf, traitsOf } from '@/lib/providers';
import { catalogFor } from '@/lib/services/catalogs';
import { capturePreflight, countImages, uploadPreflight } from '@/lib/services/images';

// Page reads for images, scoped to the caller's teams; numbers instead of BigInts.

function toView(image: Awaited<ReturnType<typeof findImages>>[number], writable: boolean) {
  const price = image.account.imagePricePerGbMonth;
  return {
    id: image.id,
    label: image.label,
    description: image.description,
    status: image.status,
    failureReason: image.failureReason,
    sizeBytes: Number(image.sizeBytes),
    dataBytes: Number(image.dataBytes),
    storedBytes: Number(image.storedBytes),
    newBytes: Number(image.newBytes),
    // An image whose source was deleted keeps its label (a remote image read in has none).
    // An uploaded image names its file and no disk ("Uploaded: web.qcow2").
    source: image.sourceDiskLabel
      ? `${image.sourceInstanceLabel}${!image.sourceInstanceId && image.sourceInstanceLabel ? ' (deleted)' : ''} / ${image.sourceDiskLabel}`
      : image.sourceInstanceLabel,
    sourceInstanceId: image.sourceInstanceId,
    team: image.team.name,
    region: image.region,
    createdByName: image.createdByName,
    createdAt: image.createdAt.toISOString(),
    jobId: image.jobId,
    monthlyCost: monthlyImageCost(Number(image.storedBytes), price),
    writable,
    // Only a copy in Lifeboat's own store can be streamed from here (the download routes).
    downloadable: image.status === 'available' && traitsOf(image.account.kind).storesCopies,
  };
}

function findImages(where: object) {
  return db().image.findMany({ where, orderBy: { createdAt: 'desc' }, include: { team: { select: { name: true } }, account: { select: { imagePricePerGbMonth: true, kind: true } } } });
}

export type ImageView = ReturnType<typeof toView>;

export async function readImages() {
  const caller = await requireCaller();
  const scope = readableTeamIds(caller);
  const images = await findImages(scope === null ? {} : { teamId: { in: scope } });
  const accounts = await db().providerAccount.findMany();
  // One price to name only when every account bills the same: otherwise each has its own.
  const prices = new Set(accounts.map((a) => a.imagePricePerGbMonth));
  const price = prices.size === 1 ? accounts[0].imagePricePerGbMonth : null;
  const counts = await Promise.all(accounts.map(async (a) => ({ name: a.name, count: await countImages(db(), a.id), limit: a.imageLimit })));
  const views = images.map((i) => toView(i, can(caller, 'write', i.teamId)));
  return {
    images: views,
    accounts: counts.map((c) => ({ ...c, label: imageCountLabel(c.count, c.limit, scope !== null) })),
    storedBytes: views.reduce((sum, v) => sum + v.storedBytes, 0),
    monthlyCost: views.reduce((sum, v) => sum + v.monthlyCost, 0),
    pricePerGbMonth: price,
  };
}

export async function readInstanceImages(instanceId: string) {
  const caller = await requireCaller();
  const scope = readableTeamIds(caller);
  const images = await findImages({ sourceInstanceId: instanceId, ...(scope === null ? {} : { teamId: { in: scope } }) });
  return images.map((i) => toView(i, can(caller, 'write', i.teamId)));
}

/** What the capture form shows before the user submits: the limits, checked on fresh figures. */
export async function readCaptureForm(instanceId: string) {
  const caller = await requireCaller();
  const instance = await db().instance.findUnique({ where: { id: instanceId }, include: { disks: { where: { kind: 'primary' } } } });
  if (!instance || !can(caller, 'read', instance.teamId)) return null;
  const primary = instance.disks[0];
  if (!primary) return null;
  const preflight = await capturePreflight(db(), instance.id, primary.id).catch((error: unknown) => {
    // A disk that cannot be read now still leaves the page readable: capture is refused, in words.
    if (error instanceof NotFoundError) throw error;
    console.warn(`[capture form] ${instance.label}: the disk could not be measured:`, error);
    return null;
  });
  if (!preflight) {
    const message = `The primary disk (${primary.label}) can't be read right now to check it against the image limits, so it can't be captured. If its file was moved or deleted, restore the instance from a backup.`;
    return {
      canCapture: can(caller, 'write', instance.teamId),
      disk: { id: primary.id, label: primary.label, usedBytes: Number(primary.usedBytes) },
      note: null,
      defaultLabel: defaultImageLabel(instance.label, primary.label),
      check: { ok: false, reason: 'unreadable', message } as const,
    };
  }
  const { check, measured, instance: measuredOn } = preflight;
  return {
    canCapture: can(caller, 'write', instance.teamId),
    disk: { id: primary.id, label: primary.label, usedBytes: measured.usedBytes },
    // Said before the user submits: with allocation only, the ceiling is checked by the provider as it captures.
    note: measured.basis === 'allocated' ? allocatedCaptureNote(measured.usedBytes, Number(measuredOn.account.imageCeilingBytes), descriptorOf(measuredOn.account.kind).label) : null,
    defaultLabel: defaultImageLabel(instance.label, primary.label),
    check,
  };
}

/** The deploy form: image facts, the teams the caller may deploy into, every region, plans with why one does not fit. */
export async function readDeployForm(imageId: string) {
  const caller = await requireCaller();
  const image = await db().image.findUnique({ where: { id: imageId }, include: { account: true } });
  if (!image || !can(caller, 'read', image.teamId)) return null;
  const teams = await db().team.findMany({ orderBy: { name: 'asc' } });
  const { plans, regions } = await catalogFor(image.account);
  return {
    // Some providers deploy an image only with a root password for the new instance, which they set.
    rootPasswordSetBy: traitsOf(image.account.kind).needsRootPassword ? descriptorOf(image.account.kind).label : undefined,
    image: { id: image.id, label: image.label, status: image.status, sizeBytes: Number(image.sizeBytes), region: image.region },
    teams: teams.filter((t) => can(caller, 'write', t.id)).map((t) => ({ id: t.id, name: t.name })),
    defaultTeamId: image.teamId,
    regions: regions.map((r) => ({ id: r.id, label: r.label })),
    plans: plans.map((p) => {
      const fit = planFitsImage(p.diskBytes, Number(image.sizeBytes));
      return { id: p.id, label: p.label, diskBytes: p.diskBytes, pricePerMonth: p.pricePerMonth, disabledReason: fit.ok ? null : fit.reason };
    }),
  };
}

/**
 * The upload form: the teams the caller may add images to (holding teams of remote accounts
 * aside: they take no images of this host), this host's regions, the largest file a plan can
 * take, and the account's image count when it is already full (the route checks again).
 */
export async function readUploadForm() {
  const caller = await requireCaller();
  const teams = (await db().team.findMany({ where: { holdsAccountId: null }, orderBy: { name: 'asc' } })).filter((t) =>
    can(caller, 'write', t.id),
  );
  if (!teams.length) return null;
  const { account, check } = await uploadPreflight(db(), teams[0].id, '').catch(() => ({ account: null, check: null }));
  if (!account) return null;
  const { plans, regions } = await catalogFor(account);
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    regions: regions.map((r) => ({ id: r.id, label: r.label })),
    maxBytes: Math.max(...plans.map((p) => p.diskBytes)),
    refusal: check && !check.ok && check.reason === 'image_limit' ? check.message : null,
  };
}
