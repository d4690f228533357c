// Applies a realistic one-line change to a mechanism module for one test, by wrapping or
// replacing that module's export (vi.doMock) and importing the scenario afresh, so the scenario,
// the mechanism and the checkers are exactly the shipped code except the mutated function. The
// checkers are never touched: the test then expects them to catch the change.
import { afterEach, vi } from 'vitest';

const ROOT = new URL('../../', import.meta.url);

/** Absolute path of a repo file, e.g. `nexus/tuf/activation-common.ts`. */
export const repoPath = (rel: string): string => new URL(rel, ROOT).pathname;

export type Patch = (original: Record<string, unknown>) => Record<string, unknown>;

const mocked: string[] = [];

/**
 * Mutates `modules` (repo-relative path -> patch of its exports), then imports `entry`
 * (repo-relative) fresh and returns it.
 */
export async function loadMutant<T>(modules: Record<string, Patch>, entry: string): Promise<T> {
  vi.resetModules();
  for (const [rel, patch] of Object.entries(modules)) {
    const path = repoPath(rel);
    mocked.push(path);
    vi.doMock(path, async (importOriginal) => {
      const original = (await importOriginal()) as Record<string, unknown>;
      return { ...original, ...patch(original) };
    });
  }
  return (await import(/* @vite-ignore */ repoPath(entry))) as T;
}

afterEach(() => {
  for (const path of mocked.splice(0)) vi.doUnmock(path);
  vi.resetModules();
});
