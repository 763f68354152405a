'use client';

import { LoadError } from '@/components/load-error';

// Shown when reading instances fails.
export default function InstancesError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <LoadError
      heading="The instances could not be loaded"
      level={2}
      lead="Something went wrong on the server."
      {...props}
    />
  );
}
