/**
 * Security headers (helmet) for the HTML pages the service serves: the SMART panel at `/panel/`
 * and the decision-support page. The CSP forbids inline and foreign scripts, so markdown or model
 * text that slipped through as markup could not run. The panel is framed by EHRs and reads FHIR
 * from the EHR's server itself, so `frame-ancestors` and `connect-src` name those origins.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface PageHeaderOptions {
  /** Origins the panel calls besides itself: trusted FHIR servers, their token endpoints. */
  connectSrc: readonly string[];
  /** Origins allowed to frame the panel (the EHRs that embed it). */
  frameAncestors: readonly string[];
}

/** The origin of a URL, or undefined when it is not an http(s) URL (an `iss` may be any string). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

export function pageSecurityHeaders(options: PageHeaderOptions): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // The launch page carries one small inline <style>; styles cannot run code.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': unique(["'self'", ...options.connectSrc]),
        'frame-ancestors': unique(["'self'", ...options.frameAncestors]),
        'form-action': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
      },
    },
    // frame-ancestors says who may frame the panel; X-Frame-Options could only say "same origin".
    xFrameOptions: false,
    // Launch URLs carry launch ids and codes: never send them on as a referrer.
    referrerPolicy: { policy: 'no-referrer' },
  });
}
