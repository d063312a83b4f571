/** What one benchmark run produced: the shape of `npm run bench -- --json`. */
import type { EngineTiming } from './engine-timing';
import type { KbLoad } from './kb-load';
import type { LoadResult } from './load';
import type { PageSize } from './panel-size';
import type { StartupResult } from './startup';

export interface WorkloadResult {
  id: string;
  label: string;
  record: 'small' | 'typical' | '5000';
  connections: number;
  bodyKb: number;
  service: LoadResult & { peakRssMb: number | undefined };
  floor: LoadResult;
  /** Service p50 over floor p50: what the service adds on top of receiving the same body. */
  p50VsFloor: number;
}

export interface BenchSetup {
  node: string;
  cpus: number;
  auth: string;
  store: string;
  cache: string;
  rssMethod: string;
  durationS: number;
  warmupS: number;
  bodyLimit: string;
  /** 1-minute load average of the machine before and after: the bench shares its CPUs. */
  loadAverage: string;
}

export interface BenchResults {
  at: string;
  setup: BenchSetup;
  records: { name: string; resources: number; prefetchKb: number }[];
  engine: EngineTiming[];
  /** Importing the engine and its knowledge base in a fresh process. */
  kbLoad: KbLoad;
  /** The production bundle started as the image starts it, against a bare Node server. */
  startup: StartupResult;
  workloads: WorkloadResult[];
  panel: PageSize[];
  /** Peak RSS of the service over the whole run (VmHWM at the end). */
  servicePeakRssMb: number | undefined;
}
