// How an image row is named to its provider.
export const imageRef = (image: { id: string; label: string; description: string; remoteId: string | null }) => ({
  id: image.id,
  label: image.label,
  description: image.description,
  remoteId: image.remoteId,
});
