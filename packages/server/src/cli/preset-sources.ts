/**
 * `cnscd presets <id> --sources`: where each number of a bundled preset comes from — read from a source
 * document, interpolated between two documented values, or chosen by the preset — as the Markdown table
 * that the preset's README holds (`presets/<id>/sources.json`, with the rows it inherits through `extends`).
 */
import { dirname, join } from 'node:path';
import { formatSourcesTable, presetSources } from '@cnscd/criteria-presets';
import type { ScoringContext } from '../pipeline.js';
import { parsePresetRef } from '../presets.js';
import { CliError, EXIT } from './exit-codes.js';
import { shownPath } from './input.js';
import type { CliIo, Lang } from './io.js';

/**
 * Print the "derived vs chosen" table of the preset `ref` (`id` or `id@version`, exact or a semver range)
 * in `lang`; exit 0. The preset is looked up as `evaluate --preset` looks it up (bundled, `--presets-dir`
 * and plugin presets). Throws a `PRESET_NOT_FOUND` {@link CliError} (exit 1) for an unknown id or version,
 * and for a preset of your own, whose table the bundled package does not hold.
 *
 * @example
 * ```ts
 * const ctx = await createScoringContext();
 * presetSourcesCommand('thai-nguyen-2025', ctx, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }, 'vi');
 * ```
 */
export function presetSourcesCommand(ref: string, ctx: ScoringContext, io: CliIo, lang: Lang): number {
  const { id, version } = parsePresetRef(ref);
  const entry = ctx.catalog.find(id, version === undefined ? {} : { version });
  if (entry === undefined) {
    const presets = ctx.catalog.list();
    const versions = presets.find((p) => p.id === id)?.versions;
    throw new CliError(
      'PRESET_NOT_FOUND',
      versions === undefined
        ? {
            vi: `Không có bộ tiêu chí "${id}" (có: ${presets.map((p) => p.id).join(', ')}).`,
            en: `No preset "${id}" (known: ${presets.map((p) => p.id).join(', ')}).`,
          }
        : {
            vi: `Bộ tiêu chí "${id}" không có phiên bản ${version} (các phiên bản: ${versions.join(', ')}).`,
            en: `Preset "${id}" has no version ${version} (versions: ${versions.join(', ')}).`,
          },
    );
  }
  if (entry.source === 'local') {
    // presetSources knows the bundled presets only; a province's own table is its own file.
    const beside = entry.file === undefined ? 'sources.json' : join(dirname(shownPath(io, entry.file)), 'sources.json');
    throw new CliError('PRESET_NOT_FOUND', {
      vi: `"${id}" là bộ tiêu chí riêng (--presets-dir hoặc plugin): --sources chỉ in bảng của các bộ có sẵn; bảng của bộ này, nếu có, là ${beside}.`,
      en: `"${id}" is a preset of your own (--presets-dir or a plugin): --sources prints the tables of the bundled presets; its table, if it has one, is ${beside}.`,
    });
  }
  io.stdout.write(formatSourcesTable(presetSources(id, { version: entry.set.version }), lang, id));
  return EXIT.ok;
}
