import { packageTestConfig } from '../../vitest.shared';

// Node-side unit tests only; the runtime tests live in test/ (see test/run-all.mjs).
export default packageTestConfig();
