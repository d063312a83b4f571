/**
 * Structured JSON-lines logging. Callers pass metadata (route, status, duration, counts), never
 * FHIR bodies, names or identifiers: the log is read by people who are not the patient's clinicians.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogMeta = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, meta?: LogMeta): void;
  info(msg: string, meta?: LogMeta): void;
  warn(msg: string, meta?: LogMeta): void;
  error(msg: string, meta?: LogMeta): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const emit = (lvl: LogLevel, msg: string, meta?: LogMeta): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...meta }));
  };
  return {
    debug: (msg, meta) => {
      emit('debug', msg, meta);
    },
    info: (msg, meta) => {
      emit('info', msg, meta);
    },
    warn: (msg, meta) => {
      emit('warn', msg, meta);
    },
    error: (msg, meta) => {
      emit('error', msg, meta);
    },
  };
}

/** Warnings and errors to stderr: for the mocks and tools, whose stdout is for their answers. */
export const createStderrLogger = (level: LogLevel = 'warn'): Logger =>
  createLogger(level, (line) => process.stderr.write(line + '\n'));

/** A logger that keeps its lines in memory, for tests that assert on what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger('debug', (line) => lines.push(line)),
    { lines },
  );
}

/** The name of an error's class, safe to log: messages may quote input, names never do. */
export const errorKind = (err: unknown): string => (err instanceof Error ? err.name : typeof err);
