/**
 * Peak resident memory of a child process, from Linux's /proc. `VmHWM` is the peak RSS since the
 * process started, or since the last reset (writing 5 to `clear_refs`, Linux 4.0+), which lets each
 * workload report its own peak. Where the reset is refused, a 50 ms poll of `VmRSS` stands in.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const kib = (status: string, field: string): number | undefined => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m?.[1] ? Number(m[1]) : undefined;
};

export function readMemory(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = kib(status, 'VmRSS');
    const hwm = kib(status, 'VmHWM');
    if (rss === undefined || hwm === undefined) return undefined;
    return { rssMb: rss / 1024, hwmMb: hwm / 1024 };
  } catch {
    return undefined;
  }
}

export interface PeakTracker {
  /** Peak RSS in MB since `start` (undefined when /proc is not readable). */
  stop(): number | undefined;
  method: 'VmHWM reset' | 'VmRSS poll';
}

export function trackPeak(pid: number): PeakTracker {
  let reset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    reset = true;
  } catch {
    reset = false;
  }
  let polled = readMemory(pid)?.rssMb;
  const timer = setInterval(() => {
    const now = readMemory(pid)?.rssMb;
    if (now !== undefined) polled = Math.max(polled ?? 0, now);
  }, 50);
  return {
    method: reset ? 'VmHWM reset' : 'VmRSS poll',
    stop() {
      clearInterval(timer);
      const m = readMemory(pid);
      if (reset && m) return m.hwmMb;
      return m ? Math.max(polled ?? 0, m.rssMb) : polled;
    },
  };
}
