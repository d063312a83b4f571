/**
 * The panel's initial JavaScript, gzipped: what a browser must fetch before the panel can start.
 * The panel is built fresh into a temporary folder (so the figure is never from a stale `dist/`,
 * and `dist/` is left alone), then each page's entry script and its modulepreloads are gzipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export interface PageSize {
  page: string;
  files: string[];
  rawKb: number;
  gzipKb: number;
}

/** Script sources and modulepreloads of a built page, as paths relative to the build folder. */
export function initialScripts(html: string, base: string): string[] {
  const srcs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  return [...new Set(srcs)].filter((s) => s.endsWith('.js')).map((s) => s.replace(base, ''));
}

export async function measurePanel(outDir: string): Promise<PageSize[]> {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return ['index.html', 'launch.html', 'patient.html', 'patient-launch.html', 'console.html'].map(
    (page) => {
      const files = initialScripts(readFileSync(join(outDir, page), 'utf8'), '/panel/');
      let raw = 0;
      let gz = 0;
      for (const f of files) {
        const bytes = readFileSync(join(outDir, f));
        raw += bytes.length;
        gz += gzipSync(bytes, { level: 9 }).length;
      }
      return { page, files, rawKb: raw / 1024, gzipKb: gz / 1024 };
    },
  );
}
