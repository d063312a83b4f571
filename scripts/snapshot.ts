/**
 * Reading pinned public repository snapshots, for the importers of reference data
 * (`scripts/kb/`, `scripts/fixtures/`): a checkout, or a bare git directory read at a commit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of `path` in the snapshot: from a checkout when it has the file, else `git show`. */
export function readFromSnapshot(source: string, commit: string, path: string): string {
  const checkout = join(source, path);
  if (existsSync(checkout)) return readFileSync(checkout, 'utf8');
  return execFileSync('git', ['--git-dir', source, 'show', `${commit}:${path}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * `<source> [commit]` from the command line, the commit defaulting to the importer's pin; without
 * a source, prints `usage` and exits 2.
 */
export function snapshotArgs(
  usage: string,
  defaultCommit: string,
): { source: string; commit: string } {
  const [source, commit = defaultCommit] = process.argv.slice(2);
  if (!source) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { source, commit };
}
