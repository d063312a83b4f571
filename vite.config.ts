import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['cds-service/**/*.test.ts', 'mocks/**/*.test.ts', 'tests/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
