import type { Db } from '@/lib/db/client';
import { formatGiBText } from '@/lib/domain/usage';
import type { CapturedImage } from '@/lib/providers/types';

// How an image row is named to its provider.
export const imageRef = (image: { id: string; label: string; description: string; remoteId: string | null }) => ({
  id: image.id,
  label: image.label,
  description: image.description,
  remoteId: image.remoteId,
});

/** A capture's (or an upload's) end: the image row available with what the store reports. */
export async function markImageAvailable(
  db: Db,
  imageId: string,
  captured: CapturedImage,
  log: (line: string) => void,
) {
  await db.image.update({
    where: { id: imageId },
    data: {
      status: 'available',
      sizeBytes: BigInt(captured.sizeBytes),
      dataBytes: BigInt(captured.dataBytes),
      storedBytes: BigInt(captured.storedBytes),
      newBytes: BigInt(captured.newBytes),
      digest: captured.digest,
    },
  });
  log(`Image available: ${formatGiBText(captured.dataBytes)} of data, digest ${captured.digest.slice(0, 12)}…`);
}
