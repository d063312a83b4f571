/** The part of @lhncbc/ucum-lhc (NLM's UCUM library, no bundled types) the service uses. */
declare module '@lhncbc/ucum-lhc' {
  interface ConversionResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
  }
  interface Utils {
    convertUnitTo(fromUnit: string, fromVal: number, toUnit: string): ConversionResult;
  }
  export const UcumLhcUtils: { getInstance(): Utils };
}
