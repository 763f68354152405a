import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { encryptSecret, decryptSecret } from '@/lib/crypto/secrets';
import { JOB_NAMES } from '@/lib/domain/progress';
import { planFitsImage } from '@/lib/domain/images';
import { PermanentJobError } from '@/lib/jobs';
import { providerFor, traitsOf } from '@/lib/providers';
import { catalogFor, planOf, regionOf } from '@/lib/services/catalogs';
import { DomainError, NotFoundError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/services/images';
import { defineOperation } from './define';
import { checkNewInstance, provisionForDeploy } from './shared/deploy';
import { backInService, newInstanceDisk, rebuilt, rememberRemoteId, removeUnfinished } from './shared/rebuild';
import { imageRef } from './shared/refs';

// Deploying a new instance from an image: the instance is created as provisioning and the job
// rebuilds its primary disk from the image.

const DeployImageInput = z.object({
  imageId: z.string(),
  instanceId: z.string(),
  diskId: z.string(),
  // A root password (some providers' deploys need one) rides encrypted and is dropped once it was used.
  rootPassword: z.string().optional(),
});
type DeployImageInput = z.infer<typeof DeployImageInput>;

/** The root password is needed until the provider has the new instance, and kept no longer. */
async function dropRootPassword(db: Db, jobId: string, input: DeployImageInput) {
  const { rootPassword: _dropped, ...rest } = input;
  await db.job.update({ where: { id: jobId }, data: { input: rest } });
}

export const deployImage = defineOperation({
  kind: 'image.deploy',
  input: DeployImageInput,
  label: JOB_NAMES.deployImage,
  async run({ db, job, input, progress, log, signal }) {
    const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
    if (!image || image.status !== 'available' || !image.digest)
      throw new PermanentJobError('The image is no longer available.');
    const instance = await db.instance.findUnique({
      where: { id: input.instanceId },
      include: { disks: { where: { id: input.diskId } } },
    });
    if (!instance?.disks[0]) throw new PermanentJobError('The new instance was removed before it was deployed.');
    // The job, its log and its audit entry are the new instance's team's: another team's image goes unnamed.
    const foreign = image.teamId !== instance.teamId;
    log(`Rebuilding the disk of ${instance.label} from ${foreign ? 'an image of another team' : image.label}`);
    const target = {
      ...newInstanceDisk(instance, instance.disks[0]),
      rootPassword: input.rootPassword ? decryptSecret(input.rootPassword) : undefined,
    };
    const onRemoteId = async (remoteId: string) => {
      await rememberRemoteId(db, instance.id)(remoteId);
      await dropRootPassword(db, job.id, input);
    };
    const deploying = providerFor(image.account).deployImage(imageRef(image), target, {
      onProgress: progress,
      signal,
      log,
      onRemoteId,
    });
    // A damaged image stays damaged: say so plainly and do not retry.
    const { digest } = await rebuilt(
      deploying,
      (error) => `The image is damaged and cannot be deployed${foreign ? '.' : `: ${error.message}`}`,
    );
    if (digest !== image.digest)
      throw new PermanentJobError('The rebuilt disk does not match the image (digest mismatch).');
    return backInService(db, instance.id, log, { digest, of: 'image', created: true });
  },
  // A deploy that fails for good leaves nothing half-made: the new instance and its disks go,
  // and so does the root password it would have been given.
  async onEnd({ db, job, input }) {
    if (input.rootPassword) await dropRootPassword(db, job.id, input);
    await removeUnfinished(db, input.instanceId);
  },
});

export type DeployFromImage = {
  imageId: string;
  label: string;
  teamId: string;
  region: string;
  plan: string;
  rootPassword?: string;
};

export async function startDeployFromImage(db: Db, actor: Actor, input: DeployFromImage) {
  const image = await db.image.findUnique({ where: { id: input.imageId }, include: { account: true } });
  if (!image) throw new NotFoundError('The image');
  if (image.status !== 'available') throw new DomainError('Only an available image can be deployed.', 'imageId');
  const catalog = await catalogFor(image.account);
  const plan = planOf(catalog, input.plan);
  if (!plan) throw new DomainError('Choose one of the plans offered.', 'plan');
  const fits = planFitsImage(plan.diskBytes, Number(image.sizeBytes));
  if (!fits.ok) throw new DomainError(`${plan.label}: ${fits.reason}.`, 'plan');
  if (!regionOf(catalog, input.region)) throw new DomainError('Choose one of the regions offered.', 'region');
  // Some providers will not deploy an image without a root password for the new instance.
  const needsRootPassword = traitsOf(image.account.kind).needsRootPassword;
  if (needsRootPassword && !input.rootPassword)
    throw new DomainError('Set a root password for the new instance.', 'rootPassword');
  await checkNewInstance(db, image.accountId, input.teamId, input.label);
  const rootPassword =
    needsRootPassword && input.rootPassword ? { rootPassword: encryptSecret(input.rootPassword) } : {};
  return provisionForDeploy(
    db,
    actor,
    { accountId: image.accountId, teamId: input.teamId, label: input.label, region: input.region, plan: input.plan },
    ({ target, options }) =>
      deployImage.enqueue(db, { ...options, input: { imageId: image.id, ...rootPassword, ...target } }),
  );
}
