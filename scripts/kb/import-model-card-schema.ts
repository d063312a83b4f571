/**
 * Vendors the CHAI Applied Model Card schema (v0.2, an XML Schema) and the W3C XML Signature
 * schema it imports, which tests validate the live model card against:
 *
 *   npx tsx scripts/kb/import-model-card-schema.ts <mc-schema git dir> <isdoc/schema git dir>
 *
 * Both files are copied unchanged; SOURCE.md beside them names the repositories, commits and
 * licences.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFromSnapshot } from '../snapshot';

const CHAI = {
  repository: 'coalition-for-health-ai/mc-schema',
  commit: '1c773606f1b562a650dab2d28fd481653affc131',
  path: 'v0.2/schema.xsd',
};
const XMLDSIG = {
  repository: 'isdoc/schema',
  commit: '37dbd4a79b0cbacdf36e79cb1dc5bf7971533c6c',
  path: 'xmldsig-core-schema.xsd',
};
const OUT = fileURLToPath(new URL('../../cds-service/governance/model-card/', import.meta.url));

const [chaiDir, xmldsigDir, xmldsigCommit = XMLDSIG.commit] = process.argv.slice(2);
if (!chaiDir || !xmldsigDir) {
  console.error(
    'usage: import-model-card-schema.ts <mc-schema git dir> <isdoc/schema git dir> [commit]',
  );
  process.exit(2);
}
writeFileSync(
  `${OUT}chai-applied-model-card-v0.2.xsd`,
  readFromSnapshot(chaiDir, CHAI.commit, CHAI.path),
);
writeFileSync(
  `${OUT}xmldsig-core-schema.xsd`,
  readFromSnapshot(xmldsigDir, xmldsigCommit, XMLDSIG.path),
);
console.log(`wrote ${OUT}chai-applied-model-card-v0.2.xsd and xmldsig-core-schema.xsd`);
