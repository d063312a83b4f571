/**
 * The service's layering is enforced by the lint configuration (`SERVICE_LAYERS` in
 * eslint.config.js); this checks the rule itself: an import up the layers fails, one down passes.
 * The code is linted as if it were the named file, which stays untouched on disk.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const restricted = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
};

describe('service layers (lint)', () => {
  it('refuses imports up the layers, from folders and from root files', async () => {
    expect(
      await restricted(
        'cds-service/synopsis/format.ts',
        "import { PATIENT_VIEW_SERVICE_ID } from '../hooks/patient-view';\nexport const x = PATIENT_VIEW_SERVICE_ID;\n",
      ),
    ).toEqual([expect.stringMatching(/engine and storage may not import from hooks\//)]);
    expect(
      await restricted(
        'cds-service/errors.ts',
        "import { ENGINE_INFO } from './synopsis/engine';\nexport const x = ENGINE_INFO;\n",
      ),
    ).toEqual([expect.stringMatching(/ground floor .* may not import from the engine/)]);
    expect(
      await restricted(
        'cds-service/panel/prove-token.ts',
        "import { errorHandler } from '../http/error-handler';\nexport const x = errorHandler;\n",
      ),
    ).toEqual([expect.stringMatching(/panel\/ may not import from the HTTP edge/)]);
  }, 60_000);

  it("keeps the mock EHR's chart reader off the service's code", async () => {
    expect(
      await restricted(
        'mocks/simulator/chart.ts',
        "import { normalise } from '../../cds-service/fhir/record';\nexport const x = normalise;\n",
      ),
    ).toEqual([expect.stringMatching(/reads its chart with its own code/)]);
  }, 60_000);

  it('allows imports down the layers and within a folder', async () => {
    expect(
      await restricted(
        'cds-service/hooks/cards.ts',
        "import { SYSTEMS } from '../fhir/codes';\nimport { day } from '../synopsis/format';\nexport const x = [SYSTEMS, day];\n",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'cds-service/contract/panel.ts',
        "import { Synopsis } from './synopsis';\nexport const x = Synopsis;\n",
      ),
    ).toEqual([]);
  }, 60_000);
});
