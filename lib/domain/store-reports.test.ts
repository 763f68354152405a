import { describe, expect, it } from 'vitest';
import {
  checkLine,
  checkView,
  count,
  rebuildLine,
  rebuildView,
  type CheckReport,
  type RebuildReport,
} from './store-reports';

const check = (over: Partial<CheckReport> = {}): CheckReport => ({
  scope: 'images',
  label: 'Image store',
  location: '/srv/images',
  manifests: 0,
  chunks: 0,
  problems: [],
  ...over,
});
const rebuild = (over: Partial<RebuildReport> = {}): RebuildReport => ({
  scope: 'images',
  label: 'Image store',
  location: '/srv/images',
  manifests: 0,
  alreadyKnown: 0,
  recovered: { images: 0, backups: 0, instances: 0, teams: 0 },
  orphans: [],
  ...over,
});

describe('store report lines', () => {
  it('counts in words, one and many', () => {
    expect(count(1, 'chunk')).toBe('1 chunk');
    expect(count(0, 'chunk')).toBe('0 chunks');
    expect(count(12345, 'copy', 'copies')).toBe('12,345 copies');
  });

  it('sums a check over every store and says when nothing is wrong', () => {
    expect(
      checkLine(
        [check({ manifests: 1, chunks: 3 }), check({ scope: 'backups:eu-central', manifests: 2, chunks: 5 })],
        false,
      ),
    ).toBe('Checked 2 stores: 3 manifests, 8 chunks, no problems.');
  });

  it('names problems, unreadable stores and a deep check', () => {
    const broken = check({ problems: ['The store cannot be read: no route'], error: 'no route' });
    expect(
      checkLine(
        [
          check({ manifests: 1, chunks: 1, problems: ['Manifest a names 1 chunk(s) the store does not have.'] }),
          broken,
        ],
        true,
      ),
    ).toBe(
      'Checked 2 stores (deep: every chunk read back): 1 manifest, 1 chunk, 2 problems (1 store could not be read).',
    );
  });

  it('sums a rebuild: what came back, what was known, what could not be placed', () => {
    const images = rebuild({
      manifests: 3,
      alreadyKnown: 1,
      recovered: { images: 1, backups: 0, instances: 0, teams: 1 },
      orphans: [{ id: 'x', why: 'old' }],
    });
    const eu = rebuild({
      scope: 'backups:eu-central',
      manifests: 2,
      recovered: { images: 0, backups: 2, instances: 1, teams: 0 },
    });
    expect(rebuildLine([images, eu])).toBe(
      'Rebuilt from 2 stores (5 manifests): recovered 1 image, 2 backups, 1 instance, 1 team; 1 already known; 1 copy could not be placed.',
    );
    expect(rebuildLine([rebuild({ error: 'Access denied' })])).toBe(
      'Rebuilt from 1 store (0 manifests): recovered 0 images, 0 backups, 0 instances, 0 teams; 0 already known; 1 store could not be read.',
    );
  });

  it('cuts long lists for the page and says how many more there are', () => {
    const problems = Array.from({ length: 7 }, (_, i) => `problem ${i}`);
    expect(checkView(check({ problems }), 5)).toMatchObject({ problems: problems.slice(0, 5), moreProblems: 2 });
    expect(checkView(check({ problems }), 10)).toMatchObject({ problems, moreProblems: 0 });
    const orphans = Array.from({ length: 3 }, (_, i) => ({ id: `o${i}`, why: 'old' }));
    expect(rebuildView(rebuild({ orphans }), 1)).toMatchObject({ orphans: [orphans[0]], moreOrphans: 2 });
  });
});
