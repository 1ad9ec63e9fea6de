// The optional X12 sample corpus (test/corpus) runs only when X12_SAMPLES_DIR names a folder of
// public sample files, which the repository does not hold; without it, jest says so and leaves it out.
const samplesDir = process.env.X12_SAMPLES_DIR;
if (!samplesDir) {
  console.log(
    'X12 sample corpus NOT RUN: set X12_SAMPLES_DIR to a folder of X12 sample files to run test/corpus.',
  );
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testPathIgnorePatterns: samplesDir ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/corpus/'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // dist/ is the compiled copy of the sources (npm run build); tests run the sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/dist\\.'],
  testTimeout: 120000,
  // Temporal's native bridge keeps handles open; tests tear their environments down explicitly.
  forceExit: true,
};
