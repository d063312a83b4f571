/** Raw JSON shapes for the evaluation's record surgery. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export interface Entry {
  fullUrl?: string;
  resource: JsonObject;
  [key: string]: Json | undefined;
}
export interface BundleJson {
  resourceType: 'Bundle';
  type: string;
  entry: Entry[];
}
