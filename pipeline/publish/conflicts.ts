/** The two ways a publish learns that another one got there first. */
import { PublishError } from '../errors.ts';
import type { ObjectStore } from '../ports.ts';
import { RELEASE_MANIFEST_PATH, type ReleaseManifest } from './release-manifest.ts';

/** `v1/release.json` is no longer at the generation this publish read. */
export function releaseConflict(store: ObjectStore, current: ReleaseManifest | null, cause?: unknown): PublishError {
  const now = current ? `build ${current.pending?.release.build_id ?? current.release?.build_id ?? '(none)'} (${current.state})` : 'absent';
  return new PublishError('PublishConflict', `Another publisher changed ${store.description}/${RELEASE_MANIFEST_PATH} first; it is now ${now}. This publish stopped without committing.`, {
    outputPath: RELEASE_MANIFEST_PATH,
    cause,
    hint: 'Run the publish again: it plans against the release that is live now.',
  });
}

/** A stable object changed between this publish's intent and its copy or delete. */
export function stableConflict(store: ObjectStore, path: string, cause: unknown): PublishError {
  return new PublishError('PublishConflict', `${store.description}/${path} was changed by another publisher while this one was committing`, {
    outputPath: path,
    cause,
    hint: 'Run the publish again: it finishes or replaces the interrupted commit and plans against what is live.',
  });
}
