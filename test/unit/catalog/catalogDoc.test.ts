import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATALOG_DOC_PATH, renderCatalogDoc } from '../../../scripts/catalog-doc';

describe('docs/catalog.md', () => {
  test('matches the catalog data (regenerate with `npx tsx scripts/catalog-doc.ts`)', () => {
    assert.equal(readFileSync(CATALOG_DOC_PATH, 'utf8'), renderCatalogDoc());
  });

  test('escapes the cells that markdown would otherwise swallow', () => {
    const doc = renderCatalogDoc();
    assert.ok(doc.includes('| 587 | TCP | Authenticated SMTP client submission: Receive connector "Client Frontend &lt;Server&gt;" |'));
    assert.ok(doc.includes('| 59531–60554 | TCP | Recommended window for Exchange 2010 static RPC ports'));
  });
});
