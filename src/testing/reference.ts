import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../platform/paths.js';

/**
 * A file of the shared reference material (HTCDS, CTDC, FEBRL, population): `../shared/reference`
 * beside the project, as every developer and CI run has it, or CORAL_REFERENCE_DIR.
 */
export function referenceFile(...parts: string[]): string {
  const root = process.env.CORAL_REFERENCE_DIR ?? resolve(packageRoot(), '..', 'shared', 'reference');
  const path = join(root, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `Reference file ${path} is missing. Tests read ../shared/reference beside the project, or CORAL_REFERENCE_DIR.`,
    );
  }
  return path;
}
