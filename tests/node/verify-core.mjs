// Verifies an Open Badges credential with the credential community's own verifier,
// @digitalcredentials/verifier-core (did:key issuers resolve offline).
// Usage: node verify-core.mjs credential.json; prints the verifier's result as JSON.
import {readFileSync} from 'node:fs';

import {verifyCredential} from '@digitalcredentials/verifier-core';

const credential = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const result = await verifyCredential({credential, knownDIDRegistries: []});
console.log(JSON.stringify(result, (key, value) => (value instanceof Error ? {message: value.message, name: value.name} : value)));
