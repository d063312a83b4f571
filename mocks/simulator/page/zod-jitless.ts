/**
 * zod compiles fast parsers with `new Function` when it can, and probes for that by trying it.
 * The page's CSP forbids eval and enforces Trusted Types, so the probe would be a reported
 * violation: the page uses zod's interpreted parsers instead. Imported first by `main.ts`.
 */
import { z } from 'zod';

z.config({ jitless: true });
