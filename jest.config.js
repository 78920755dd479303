/** Tests are transformed by swc (no type checking: `npm run typecheck` does that, several times faster). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/lib', '<rootDir>/stacks', '<rootDir>/charts', '<rootDir>/cli', '<rootDir>/examples', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/build/', '/cdktf.out/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/build/'],
  testTimeout: 60000,
  // Jest's default is one worker on a 2-core machine; many suites wait on child processes
  // (schema validation, npm pack, the CLIs), so two workers use the cores far better.
  maxWorkers: 2,
  // Every temporary folder of a run goes under one folder that the run removes at its end (test/temp-root.js).
  globalSetup: '<rootDir>/test/temp-root-setup.js',
  globalTeardown: '<rootDir>/test/temp-root-teardown.js',
};
