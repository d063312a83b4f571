/**
 * Stands in for `isomorphic-webcrypto`, which fhirclient only falls back to when the browser has
 * no Web Crypto; every browser the panel supports has `crypto.subtle`, so the polyfill is dropped.
 */
export default globalThis.crypto;
